// The translation catalogues (translations/*.ts): every entry finished in zh_CN and en, placeholders kept, the
// catalogues up to date with the sources (lupdate is run into a temporary copy and the sets of strings compared),
// and the compiled catalogues embedded and used: a person choosing 简体中文 sees Chinese, English plurals are right.
#include "common/Translations.h"
#include "config/Settings.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // "", "unfinished", "vanished", "obsolete"
    QStringList translations;

    bool isLive() const { return type != QLatin1String("vanished") && type != QLatin1String("obsolete"); }
    QString key() const { return context + QLatin1Char('\x1f') + source + QLatin1Char('\x1f') + comment; }
    QString describe() const { return context + QStringLiteral(": \"") + source.left(70) + QLatin1Char('"'); }
};

QList<Message> parseTs(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("context")) {
                context.clear();
            } else if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                message = Message();
                message.context = context;
                message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                message.source = xml.readElementText();
            } else if (name == QLatin1String("comment")) {
                message.comment = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!message.numerus)
                    message.translations.append(xml.readElementText());
            } else if (name == QLatin1String("numerusform")) {
                message.translations.append(xml.readElementText());
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages.append(message);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QString sourceDir()
{
    return qEnvironmentVariable("TODO_SOURCE_DIR");
}

QString tsPath(const QString &language)
{
    return sourceDir() + QStringLiteral("/translations/todo-notifier_%1.ts").arg(language);
}

// The placeholders a string uses: %1..%99 and %n (with its L modifier, %Ln).
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d{1,2}|n)"));
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

QString listed(const QStringList &items)
{
    return QStringLiteral("%1 entries, e.g.\n  ").arg(items.size()) + items.mid(0, 15).join(QStringLiteral("\n  "));
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEntryIsFinished_data();
    void everyEntryIsFinished();
    void catalogsAreUpToDateWithTheSources();
    void chineseIsUsedWhenChosen();
    void englishPluralsAreRight();
    void systemLanguageIsFollowed_data();
    void systemLanguageIsFollowed();
};

void tst_Translations::everyEntryIsFinished_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("pluralForms");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << 1;
    QTest::newRow("en") << QStringLiteral("en") << 2;
}

void tst_Translations::everyEntryIsFinished()
{
    QFETCH(QString, language);
    QFETCH(int, pluralForms);
    QString error;
    const QList<Message> messages = parseTs(tsPath(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 50);

    QStringList unfinished;
    QStringList placeholderMismatch;
    for (const Message &message : messages) {
        if (!message.isLive())
            continue;
        bool finished = message.type.isEmpty() && !message.translations.isEmpty();
        for (const QString &translation : message.translations)
            finished = finished && !translation.trimmed().isEmpty();
        if (message.numerus && message.translations.size() != pluralForms)
            finished = false;
        if (!finished) {
            unfinished.append(message.describe());
            continue;
        }
        // Every %1..%N of the source in every form of the translation (%n may be spelled out in a singular).
        QSet<QString> expected = placeholders(message.source);
        if (message.numerus)
            expected.remove(QStringLiteral("n"));
        for (const QString &translation : message.translations) {
            if (!placeholders(translation).contains(expected))
                placeholderMismatch.append(message.describe() + QStringLiteral(" -> ") + translation.left(70));
        }
    }
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("unfinished or empty translations in %1 (translate them with linguist, or edit "
                                       "the file): %2")
                            .arg(tsPath(language), listed(unfinished))));
    QVERIFY2(placeholderMismatch.isEmpty(),
             qPrintable(QStringLiteral("translations missing a placeholder: %1").arg(listed(placeholderMismatch))));
}

void tst_Translations::catalogsAreUpToDateWithTheSources()
{
    const QString lupdate = qEnvironmentVariable("TODO_LUPDATE");
    const QString sources = qEnvironmentVariable("TODO_LUPDATE_SOURCES");
    QVERIFY2(QFile::exists(lupdate), qPrintable(lupdate));
    QVERIFY2(QFile::exists(sources), qPrintable(sources));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString &language : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
        const QString copy = dir.filePath(QStringLiteral("todo-notifier_%1.ts").arg(language));
        QVERIFY(QFile::copy(tsPath(language), copy));
        // The very command the update_translations target runs, into the copy.
        QProcess process;
        const QStringList options =
            qEnvironmentVariable("TODO_LUPDATE_OPTIONS").split(QLatin1Char(','), Qt::SkipEmptyParts);
        process.start(lupdate, options + QStringList {QLatin1Char('@') + sources, QStringLiteral("-ts"), copy});
        QVERIFY(process.waitForFinished(120000));
        // lupdate complains on stderr about a tr() it cannot file under the context the string is looked up in at
        // run time (outside a class, or in a class without Q_OBJECT or Q_DECLARE_TR_FUNCTIONS): such a string is
        // missing from the catalogue or filed where it is never found, so it is never translated.
        const QByteArray diagnostics = process.readAllStandardError();
        QVERIFY2(process.exitCode() == 0, diagnostics.constData());
        QVERIFY2(diagnostics.trimmed().isEmpty(), diagnostics.constData());

        QString error;
        QSet<QString> committed;
        for (const Message &message : parseTs(tsPath(language), &error)) {
            if (message.isLive())
                committed.insert(message.key());
        }
        QSet<QString> current;
        QStringList added;
        for (const Message &message : parseTs(copy, &error)) {
            if (!message.isLive())
                continue;
            current.insert(message.key());
            if (!committed.contains(message.key()))
                added.append(message.describe());
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList removed;
        for (const QString &key : std::as_const(committed)) {
            if (!current.contains(key))
                removed.append(key.section(QLatin1Char('\x1f'), 0, 0) + QStringLiteral(": \"")
                               + key.section(QLatin1Char('\x1f'), 1, 1).left(70) + QLatin1Char('"'));
        }
        QVERIFY2(added.isEmpty() && removed.isEmpty(),
                 qPrintable(QStringLiteral("%1 is behind the sources; run `cmake --build <build> --target "
                                           "update_translations` and translate.\nNew strings: %2\nGone: %3")
                                .arg(tsPath(language), listed(added), listed(removed))));
    }
}

void tst_Translations::chineseIsUsedWhenChosen()
{
    QCOMPARE(Translations::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString message = Settings::validateHeaderName(QString(), HeaderSetting::Target::Connect);
    QVERIFY2(message != QStringLiteral("Enter a header name."), qPrintable(message));
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    QVERIFY2(han.match(message).hasMatch(), qPrintable(message));
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));

    // Switching back works at run time.
    QCOMPARE(Translations::install(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(Settings::validateHeaderName(QString(), HeaderSetting::Target::Connect),
             QStringLiteral("Enter a header name."));
}

void tst_Translations::englishPluralsAreRight()
{
    Translations::install(QStringLiteral("en"));
    const char *source = "gave up after %n attempt(s): %1";
    QCOMPARE(QCoreApplication::translate("ReconnectPolicy", source, nullptr, 1).arg(QStringLiteral("x")),
             QStringLiteral("gave up after 1 attempt: x"));
    QCOMPARE(QCoreApplication::translate("ReconnectPolicy", source, nullptr, 5).arg(QStringLiteral("x")),
             QStringLiteral("gave up after 5 attempts: x"));
}

void tst_Translations::systemLanguageIsFollowed_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("expected");
    QTest::newRow("system zh_CN") << QStringLiteral("system") << QStringLiteral("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("system zh_TW") << QStringLiteral("system") << QStringLiteral("zh_TW") << QStringLiteral("zh_CN");
    QTest::newRow("system en_GB") << QStringLiteral("system") << QStringLiteral("en_GB") << QStringLiteral("en");
    QTest::newRow("system de_DE") << QStringLiteral("system") << QStringLiteral("de_DE") << QStringLiteral("en");
    QTest::newRow("chosen en on zh") << QStringLiteral("en") << QStringLiteral("zh_CN") << QStringLiteral("en");
    QTest::newRow("chosen zh on de") << QStringLiteral("zh_CN") << QStringLiteral("de_DE") << QStringLiteral("zh_CN");
}

void tst_Translations::systemLanguageIsFollowed()
{
    QFETCH(QString, setting);
    QFETCH(QString, system);
    QFETCH(QString, expected);
    QCOMPARE(Translations::resolve(setting, QLocale(system)), expected);
    for (const QString &language : Translations::availableLanguages()) {
        QTranslator translator;
        QVERIFY2(translator.load(Translations::catalogPath(language)), qPrintable(Translations::catalogPath(language)));
    }
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
