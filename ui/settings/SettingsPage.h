#pragma once

#include "config/Settings.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;

// One page of the settings dialog (SettingsDialog): its fields, shown from and written to Settings, validated as
// they change. The dialog holds the pages in its tabs and does what concerns them all: OK, Apply and Cancel, the
// keychain, "Test connection".
//
// - load() shows the values of `settings`; write() stores the values on screen that differ from them, never a key
//   the administrator locked (Settings::isLocked()): its field shows the preset read-only, with
//   a note.
// - validate() shows a message under each field whose value is not valid (Settings::validate*()); hasProblem()
//   says whether any does. A locked field never shows one: it cannot be corrected here, so it never blocks saving.
// - changed() says that a value that is validated changed; testedValueEdited() that a value "Test connection"
//   uses changed (a test result shown speaks of the old values).
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    // `settings` says which keys the administrator locked; it must outlive the page.
    explicit SettingsPage(const Settings &settings, QWidget *parent = nullptr);
    ~SettingsPage() override;
    Q_DISABLE_COPY_MOVE(SettingsPage)

    virtual void load(const Settings &settings) = 0;
    // Only what changed: a key the person left alone keeps following the preset or the default.
    virtual void write(Settings &settings) = 0;

    void validate();
    // A field of this page shows a message (after validate()).
    bool hasProblem() const;
    // What "Test connection" needs from this page is valid (after validate()), locked or not.
    virtual bool testedValuesValid() const { return true; }
    // The value on screen of a key that "Test connection" uses, if this page shows it.
    virtual std::optional<QVariant> testedValue(Settings::Key key) const;

    // The colours and texts the pages and the dialog share.
    static QColor errorColor();
    static QColor successColor();
    static void setTextColor(QLabel *label, const QColor &color);
    static QString withoutMnemonic(QString text);

Q_SIGNALS:
    void changed();
    void testedValueEdited();

protected:
    // The message of each field whose value is not valid, by the field's widget.
    virtual QHash<QWidget *, QString> errors() const = 0;
    // What the last validate() found wrong with `widget` (also when it is locked and so shows nothing).
    QString error(QWidget *widget) const { return m_errors.value(widget); }
    // Shows `message` under the field of `widget` and gives it to screen readers as the field's description.
    void setMessage(QWidget *widget, const QString &message);

    // Adds `widget` to `form` under `label` (its buddy), with a message line under it, `unit` after it, and,
    // when `key` is locked by the administrator, read-only with a note. Returns the message line.
    QLabel *addField(QFormLayout *form, const QString &label, QWidget *widget, std::optional<Settings::Key> key,
                     const QString &toolTip, const QString &unit = {});

    // Sets `key` to `value` unless it is locked or already holds that value.
    static void store(Settings &settings, Settings::Key key, const QVariant &value);
    // As Settings stores URLs (QUrl::toString()), so that an unchanged list compares equal.
    static QStringList normalisedUrls(const QStringList &texts);

private:
    // One editable field: the widget that takes focus and input, and the line that shows its error.
    struct Field
    {
        QWidget *widget = nullptr;
        QLabel *message = nullptr;
    };

    void lock(QWidget *widget, QWidget *row, Settings::Key key);

    const Settings *m_settings = nullptr; // which keys are locked
    QList<Field> m_fields;
    QHash<QWidget *, QString> m_errors;
};
