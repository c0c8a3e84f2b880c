#pragma once

#include "settings/SettingsPage.h"

class StringListEditor;
class QCheckBox;
class QLineEdit;

// The Links page: the web application the todos' links belong to, the other sites a link may open, the URL of the
// pending todos list fetched after every connect, and how the server says which todos were handled elsewhere.
class LinksPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit LinksPage(const Settings &settings, QWidget *parent = nullptr);
    ~LinksPage() override;
    Q_DISABLE_COPY_MOVE(LinksPage)

    void load(const Settings &settings) override;
    void write(Settings &settings) override;

protected:
    QHash<QWidget *, QString> errors() const override;

private:
    QLineEdit *m_webBaseUrl = nullptr;
    StringListEditor *m_allowlist = nullptr;
    QLineEdit *m_pendingListUrl = nullptr;
    QLineEdit *m_removedIdsField = nullptr;
    QCheckBox *m_refetchOnCountDrop = nullptr;
};
