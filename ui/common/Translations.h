#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>

// The application's languages: the .qm files built from translations/*.ts and embedded under :/i18n, plus Qt's
// own translations (qtbase) from the Qt installation. install() follows the system language unless the user
// chose one ("zh_CN", "en"); it may be called again to switch.
class Translations final
{
    Q_DECLARE_TR_FUNCTIONS(Translations)
public:
    static QString systemLanguage() { return QStringLiteral("system"); }
    // The languages there are translations for: "zh_CN", "en".
    static QStringList availableLanguages();
    // What the language selector shows: the language's own name ("简体中文", "English").
    static QString nativeName(const QString &language);
    // The embedded catalogue for a language, e.g. ":/i18n/todo-notifier_zh_CN.qm".
    static QString catalogPath(const QString &language);
    // The language "system" stands for on this machine (the first of the UI languages we have, else "en").
    static QString resolve(const QString &language, const QLocale &system = QLocale::system());

    // Installs the translators for `language` ("system", "zh_CN" or "en") on the running application, replacing
    // those of an earlier call, and makes its locale the default. Returns the language installed.
    static QString install(const QString &language);
};
