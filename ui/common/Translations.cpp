#include "common/Translations.h"

#include "common/UiLogging.h"

#include <QFileInfo>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace {

QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

} // namespace

QStringList Translations::availableLanguages()
{
    return {QStringLiteral("zh_CN"), QStringLiteral("en")};
}

QString Translations::nativeName(const QString &language)
{
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    return language;
}

QString Translations::catalogPath(const QString &language)
{
    return QStringLiteral(":/i18n/todo-notifier_%1.qm").arg(language);
}

QString Translations::resolve(const QString &language, const QLocale &system)
{
    if (availableLanguages().contains(language))
        return language;
    for (const QString &ui : system.uiLanguages()) {
        // zh, zh-CN, zh-Hans-CN, zh-SG, and also zh-TW/zh-HK: simplified Chinese is closer than English.
        if (ui.startsWith(QLatin1String("zh")))
            return QStringLiteral("zh_CN");
        if (ui.startsWith(QLatin1String("en")))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

QString Translations::install(const QString &language)
{
    const QString chosen = resolve(language);
    for (const QPointer<QTranslator> &translator : std::as_const(installed())) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed().clear();

    const QLocale locale(chosen);
    QLocale::setDefault(locale);
    auto *app = new QTranslator(QCoreApplication::instance());
    if (app->load(catalogPath(chosen)) && QCoreApplication::installTranslator(app)) {
        installed().append(app);
    } else {
        qCWarning(lcI18n) << "no translation catalogue" << catalogPath(chosen);
        delete app;
    }
    // Qt's own strings (standard buttons, context menus of text fields).
    const QString qtPath = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), qtPath)
        && QCoreApplication::installTranslator(qt))
        installed().append(qt);
    else
        delete qt;
    qCInfo(lcI18n) << "language" << chosen << (language == systemLanguage() ? "(from the system)" : "");
    return chosen;
}
