#pragma once

#include "config/Settings.h"

#include <QList>
#include <QWidget>

class QPushButton;
class QTableWidget;

// The extra headers of a connection, one row each: name, value, where it is sent (with the STOMP CONNECT frame
// or with the WebSocket/SockJS handshake request) and whether the value is a secret. A secret value is shown
// masked and edited with password echo; the settings dialog keeps it in the keychain, never in the settings.
//
// Keyboard: Tab enters and leaves the table (it does not walk the cells); arrows move between cells, F2 edits,
// Space toggles "Secret", Delete removes the row.
class HeaderTableEditor final : public QWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, TargetColumn, SecretColumn, ColumnCount };

    explicit HeaderTableEditor(QWidget *parent = nullptr);
    ~HeaderTableEditor() override;
    Q_DISABLE_COPY_MOVE(HeaderTableEditor)

    // The rows with a name or a value (names trimmed), in order, secret values included.
    QList<HeaderSetting> headers() const;
    void setHeaders(const QList<HeaderSetting> &headers);
    // Appends a row (what Add does, with values).
    void appendHeader(const HeaderSetting &header);

    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    QTableWidget *table() const { return m_table; }
    static QString targetText(HeaderSetting::Target target);
    // What the value column shows: the value, or a fixed row of dots for a secret (its length is not shown).
    static QString displayedValue(const QString &value, bool secret);

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addRow();
    void removeCurrentRow();
    void updateButtons();
    void setRowFlags(int row);

    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    bool m_readOnly = false;
};
