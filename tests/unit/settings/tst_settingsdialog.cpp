// The settings dialog, offscreen, driven the way a person drives it: typing, ticking, clicking OK, Cancel, Apply
// and "Test connection". It runs twice (see CMakeLists.txt):
//  - TODO_EXPECT_KEYCHAIN=0 with no session bus: secrets stay in memory and the dialog says so; every test runs.
//  - TODO_EXPECT_KEYCHAIN=1 under tests/support/run-with-keyring.sh (a real gnome-keyring-daemon on a private
//    session bus): only the tests about saving and secrets, which then read the secrets back through a fresh
//    CredentialStore, as the next run of the application would.
// TODO_SCREENSHOT_DIR=<dir> makes renderEveryPage() save each page, in English and in Chinese, as PNG files.
#include "FaultInjectingDemoServer.h"
#include "common/Translations.h"
#include "config/CredentialStore.h"
#include "config/NotificationRules.h"
#include "config/ServerProfiles.h"
#include "config/Settings.h"
#include "settings/HeaderTableEditor.h"
#include "settings/SettingsDialog.h"
#include "settings/StringListEditor.h"
#include "stomp/StompSettings.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QTreeWidget>
#include <QWebSocket>
#include <QWebSocketServer>

// The tests that do not touch secrets run once, in the run without a keychain. (A macro: QSKIP returns from the
// function it is in.)
#define SKIP_WITH_A_KEYCHAIN()                                                                                         \
    do {                                                                                                               \
        if (expectKeychain())                                                                                          \
            QSKIP("covered by the run without a keychain");                                                            \
    } while (false)

namespace {

constexpr int kKeychainWaitMs = 20000;
constexpr int kNetworkWaitMs = 15000;
using Secrets = QHash<QString, QByteArray>;

bool expectKeychain()
{
    return qEnvironmentVariableIntValue("TODO_EXPECT_KEYCHAIN") == 1;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every file under `root` whose bytes contain `needle`.
QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits.append(file.fileName());
    }
    return hits;
}

template<typename T>
T *child(const QWidget &dialog, const char *name)
{
    return dialog.findChild<T *>(QString::fromLatin1(name));
}

QPushButton *button(const QWidget &dialog, QDialogButtonBox::StandardButton which)
{
    auto *box = dialog.findChild<QDialogButtonBox *>();
    return box ? box->button(which) : nullptr;
}

// The message line of a field: shown (not hidden) with this text?
QString shownMessage(const QWidget &dialog, const char *field)
{
    auto *label = dialog.findChild<QLabel *>(QString::fromLatin1(field) + QStringLiteral("Message"));
    return label && !label->isHidden() ? label->text() : QString();
}

// Replaces a line edit's text by typing, as a person does.
void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// Edits a cell of a table as a person does: opens its editor, types, presses Enter. Returns the editor's echo mode.
QLineEdit::EchoMode editCell(QTableWidget *table, int row, int column, const QString &text)
{
    table->setCurrentCell(row, column);
    table->editItem(table->item(row, column));
    QPointer<QLineEdit> editor = table->viewport()->findChild<QLineEdit *>();
    if (!editor)
        return QLineEdit::NoEcho;
    const QLineEdit::EchoMode echo = editor->echoMode();
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits and closes the editor from the event loop.
    if (!QTest::qWaitFor([&editor] { return editor.isNull(); }))
        return QLineEdit::NoEcho;
    return echo;
}

// Reads secrets back through `store`; empty hash for none.
Secrets readBack(CredentialStore &store, const QString &account, const QStringList &items)
{
    QSignalSpy read(&store, &CredentialStore::secretsRead);
    store.readAll(account, items);
    if (!read.wait(kKeychainWaitMs))
        return {{QStringLiteral("timeout"), {}}};
    return read.at(0).at(1).value<Secrets>();
}

// A CredentialStore that, going away, first waits for its keychain jobs: QtKeychain's libsecret backend calls back
// into a job deleted with its store (a crash in the next test otherwise).
class TestCredentialStore final : public CredentialStore
{
public:
    using CredentialStore::CredentialStore;
    ~TestCredentialStore() override
    {
        if (!QTest::qWaitFor([this] { return pendingCount() == 0; }, kKeychainWaitMs))
            qWarning("keychain jobs still pending");
    }
    Q_DISABLE_COPY_MOVE(TestCredentialStore)
};

// The one of the named windows a person sees now (one just closed may still wait for its deletion).
template<typename T>
T *shownChild(const QWidget &parent, const char *name)
{
    for (T *widget : parent.findChildren<T *>(QString::fromLatin1(name))) {
        if (widget->isVisible())
            return widget;
    }
    return nullptr;
}

// Answers the name dialog of the Servers page (Add…, Rename…) as a person does.
bool answerNameDialog(const QWidget &dialog, const QString &name)
{
    QInputDialog *input = nullptr;
    if (!QTest::qWaitFor([&] { return (input = shownChild<QInputDialog>(dialog, "serverNameDialog")) != nullptr; }))
        return false;
    auto *edit = input->findChild<QLineEdit *>();
    if (!edit)
        return false;
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, name);
    QTest::keyClick(edit, Qt::Key_Return);
    return true;
}

// The names in the Servers page's list, top to bottom.
QStringList listedServers(const QWidget &dialog)
{
    QStringList names;
    auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("servers"));
    for (int i = 0; list && i < list->topLevelItemCount(); ++i)
        names.append(list->topLevelItem(i)->text(0));
    return names;
}

void selectServerRow(const QWidget &dialog, int row)
{
    auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("servers"));
    list->setCurrentItem(list->topLevelItem(row));
}

bool waitUntilLoaded(SettingsDialog &dialog)
{
    QSignalSpy loaded(&dialog, &SettingsDialog::secretsLoaded);
    return !dialog.isBusy() || loaded.wait(kKeychainWaitMs);
}

} // namespace

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void validationMessagesBlockSaving();
    void okWritesOnlyWhatChangedAndEmitsApplied();
    void cancelChangesNothing();
    void secretsGoToTheKeychainNeverToTheFile();
    void noKeychainSaysSecretsStayInMemory();
    void lockedPresetIsReadOnly();
    void autostartShowsWhatTheSystemDoes();
    void testConnectionReportsVersionAndHeartbeat();
    void testConnectionReportsAuthenticationFailure();
    void testConnectionReportsUnreachableAndEachUrl();
    void testConnectionCanBeCancelled();
    void protocolShowsOnlyItsFields();
    void eventsAndNamespaceRoundTrip();
    void lockedEventsAreNotEditable();
    void quietHoursAndOfflineNoticeRoundTrip();
    void rulesRoundTripWithPreview();
    void realertRoundTrip();
    void firstRunOffersTheDemoServer();
    void keyboardAndAccessibility();
    void serversAddRenameRemove();
    void editingAServerOpensItsOwnDialog();
    void renderEveryPage_data();
    void renderEveryPage();

private:
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("todo-notifier.conf")); }
    QString presetPath() const { return m_dir->filePath(QStringLiteral("preset.conf")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    const QString m_service = QStringLiteral("TodoNotifierDialogTest");
};

void tst_SettingsDialog::initTestCase()
{
    QVERIFY(QDir().mkpath(QDir::homePath()));
    qInfo() << "expecting a keychain:" << expectKeychain();
}

void tst_SettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>(QDir::homePath() + QStringLiteral("/dialog-XXXXXX"));
    QVERIFY(m_dir->isValid());
}

void tst_SettingsDialog::cleanup()
{
    m_dir.reset();
}

void tst_SettingsDialog::validationMessagesBlockSaving()
{
    SKIP_WITH_A_KEYCHAIN();
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(waitUntilLoaded(dialog));
    QPushButton *ok = button(dialog, QDialogButtonBox::Ok);
    QPushButton *apply = button(dialog, QDialogButtonBox::Apply);
    QVERIFY(ok && apply);

    // Nothing configured yet: the URL list says what it needs, and nothing can be saved.
    auto *urls = child<StringListEditor>(dialog, "serverUrls");
    QVERIFY(urls);
    QCOMPARE(shownMessage(dialog, "serverUrls"), Settings::validateServerUrls({}));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!apply->isEnabled());

    // A scheme other than ws, wss, http or https.
    urls->setEntries({QStringLiteral("ftp://push.example.com/ws")});
    QVERIFY(shownMessage(dialog, "serverUrls").contains(QStringLiteral("ws://, wss://, http:// or https://")));
    QVERIFY(!ok->isEnabled());
    urls->setEntries({QStringLiteral("wss://push.example.com/ws")});
    QCOMPARE(shownMessage(dialog, "serverUrls"), QString());
    QVERIFY(ok->isEnabled());

    // The message is red, and screen readers get it as the field's description.
    auto *urlsMessage = child<QLabel>(dialog, "serverUrlsMessage");
    urls->setEntries({QStringLiteral("tcp://x")});
    const QColor red = urlsMessage->palette().color(QPalette::WindowText);
    QVERIFY2(red.red() > 150 && red.green() < 100 && red.blue() < 100, qPrintable(red.name()));
    QCOMPARE(urls->listWidget()->accessibleDescription(), urlsMessage->text());
    urls->setEntries({QStringLiteral("wss://push.example.com/ws")});

    // An empty destination list (STOMP needs one).
    auto *protocol = child<QComboBox>(dialog, "protocol");
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("stomp")));
    auto *destinations = child<StringListEditor>(dialog, "destinations");
    destinations->setEntries({});
    QCOMPARE(shownMessage(dialog, "destinations"), Settings::validateDestination({}));
    QVERIFY(!ok->isEnabled());
    destinations->setEntries({QStringLiteral("/user/topic/all")});
    QVERIFY(ok->isEnabled());

    // Socket.IO: a namespace without its slash, an event name with a control character.
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("socketio")));
    auto *nsp = child<QLineEdit>(dialog, "namespace");
    QVERIFY(nsp);
    retype(nsp, QStringLiteral("admin"));
    QVERIFY(!Settings::validateNamespace(QStringLiteral("admin")).isEmpty());
    QCOMPARE(shownMessage(dialog, "namespace"), Settings::validateNamespace(QStringLiteral("admin")));
    QCOMPARE(nsp->accessibleDescription(), Settings::validateNamespace(QStringLiteral("admin")));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!child<QPushButton>(dialog, "testButton")->isEnabled());
    // A field of another protocol does not block saving (nor is it saved: Settings refuses it).
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("stomp")));
    QCOMPARE(shownMessage(dialog, "namespace"), QString());
    QVERIFY(ok->isEnabled());
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("socketio")));
    QVERIFY(!ok->isEnabled());
    retype(nsp, QStringLiteral("/admin"));
    QCOMPARE(shownMessage(dialog, "namespace"), QString());
    QVERIFY(ok->isEnabled());
    auto *events = child<StringListEditor>(dialog, "events");
    QVERIFY(events);
    const QString badEvent = QStringLiteral("todo\tnew");
    events->setEntries({QStringLiteral("todo"), badEvent});
    QVERIFY(!Settings::validateEventName(badEvent).isEmpty());
    QCOMPARE(shownMessage(dialog, "events"), Settings::validateEventName(badEvent));
    QVERIFY(!ok->isEnabled());
    events->setEntries({QStringLiteral("todo")});
    QCOMPARE(shownMessage(dialog, "events"), QString());
    QVERIFY(ok->isEnabled());
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("stomp")));

    // Heart-beat: not a number, negative, then fine.
    auto *heartbeat = child<QLineEdit>(dialog, "heartbeatOut");
    retype(heartbeat, QStringLiteral("ten seconds"));
    QVERIFY(shownMessage(dialog, "heartbeatOut").contains(QStringLiteral("number of milliseconds")));
    QVERIFY(!ok->isEnabled());
    retype(heartbeat, QStringLiteral("-5"));
    QCOMPARE(shownMessage(dialog, "heartbeatOut"), Settings::validateHeartbeat(-5));
    QVERIFY(!ok->isEnabled());
    retype(heartbeat, QStringLiteral("0"));
    QCOMPARE(shownMessage(dialog, "heartbeatOut"), QString());

    // The longest reconnect wait shorter than the first: said under the longest wait.
    retype(child<QLineEdit>(dialog, "reconnectInitial"), QStringLiteral("5000"));
    retype(child<QLineEdit>(dialog, "reconnectMax"), QStringLiteral("1000"));
    QCOMPARE(shownMessage(dialog, "reconnectMax"), Settings::validateReconnect(5000, 1000, 0));
    QCOMPARE(shownMessage(dialog, "reconnectInitial"), QString());
    QVERIFY(!ok->isEnabled());

    // A web base URL that is not http(s), and a bad allowlist entry.
    retype(child<QLineEdit>(dialog, "webBaseUrl"), QStringLiteral("ftp://oa.example.com"));
    QCOMPARE(shownMessage(dialog, "webBaseUrl"), Settings::validateWebUrl(QStringLiteral("ftp://oa.example.com")));
    child<StringListEditor>(dialog, "allowlist")
        ->setEntries({QStringLiteral("https://sso.example.com"), QStringLiteral("not a site")});
    QCOMPARE(shownMessage(dialog, "allowlist"), Settings::validateAllowlistEntry(QStringLiteral("not a site")));

    // The pages holding problems are marked, and the status line names them.
    auto *tabs = child<QTabWidget>(dialog, "pages");
    QVERIFY(tabs->tabIcon(int(SettingsDialog::Page::Connection)).isNull());
    QVERIFY(!tabs->tabIcon(int(SettingsDialog::Page::Links)).isNull());
    QVERIFY(!tabs->tabIcon(int(SettingsDialog::Page::Advanced)).isNull());
    auto *status = child<QLabel>(dialog, "status");
    QVERIFY(status->text().contains(QStringLiteral("Links")));
    QVERIFY(status->text().contains(QStringLiteral("Advanced")));

    // Enter (accept) while invalid saves nothing and keeps the dialog open.
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(applied.count(), 0);
    QVERIFY(!QFile::exists(settingsPath()));

    // Corrected, everything can be saved again.
    retype(child<QLineEdit>(dialog, "reconnectMax"), QStringLiteral("60000"));
    retype(child<QLineEdit>(dialog, "webBaseUrl"), QStringLiteral("https://oa.example.com"));
    child<StringListEditor>(dialog, "allowlist")->setEntries({QStringLiteral("https://sso.example.com")});
    QVERIFY(ok->isEnabled());
    QVERIFY(status->isHidden());
    QVERIFY(tabs->tabIcon(int(SettingsDialog::Page::Links)).isNull());
}

void tst_SettingsDialog::okWritesOnlyWhatChangedAndEmitsApplied()
{
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));

    child<StringListEditor>(dialog, "serverUrls")
        ->setEntries(
            {QStringLiteral("wss://push.example.com/ws"), QStringLiteral("http://backup.example.com/main2/ws")});
    auto *transport = child<QComboBox>(dialog, "transport");
    transport->setCurrentIndex(transport->findData(QStringLiteral("sockjs")));
    child<StringListEditor>(dialog, "destinations")
        ->setEntries({QStringLiteral("/user/topic/all"), QStringLiteral("/topic/chat_demo")});
    retype(child<QLineEdit>(dialog, "host"), QStringLiteral("/"));
    retype(child<QLineEdit>(dialog, "login"), QStringLiteral("alice"));
    child<QCheckBox>(dialog, "durable")->setChecked(true);
    child<HeaderTableEditor>(dialog, "headers")
        ->appendHeader({QStringLiteral("client-id"), QStringLiteral("desk-1"), false, HeaderSetting::Target::Connect});
    retype(child<QLineEdit>(dialog, "heartbeatOut"), QStringLiteral("20000"));
    retype(child<QLineEdit>(dialog, "heartbeatIn"), QStringLiteral("0"));
    retype(child<QLineEdit>(dialog, "reconnectInitial"), QStringLiteral("2000"));
    retype(child<QLineEdit>(dialog, "reconnectMax"), QStringLiteral("30000"));
    retype(child<QLineEdit>(dialog, "reconnectAttempts"), QStringLiteral("5"));
    retype(child<QLineEdit>(dialog, "webBaseUrl"), QStringLiteral("https://oa.example.com/"));
    child<StringListEditor>(dialog, "allowlist")->setEntries({QStringLiteral("https://sso.example.com")});
    auto *zone = child<QComboBox>(dialog, "timeZone");
    zone->setCurrentIndex(zone->findData(QStringLiteral("Asia/Shanghai")));
    QVERIFY(zone->currentIndex() > 0);
    child<QCheckBox>(dialog, "popups")->setChecked(false);
    child<QCheckBox>(dialog, "autostart")->setChecked(true);
    auto *language = child<QComboBox>(dialog, "language");
    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));

    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    QSignalSpy finished(&dialog, &QDialog::finished);
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    button(dialog, QDialogButtonBox::Ok)->click();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());

    // What the next run of the application reads.
    Settings reread(settingsPath());
    QCOMPARE(reread.urls(Settings::Key::ServerUrls),
             (QList<QUrl> {QUrl(QStringLiteral("wss://push.example.com/ws")),
                           QUrl(QStringLiteral("http://backup.example.com/main2/ws"))}));
    QCOMPARE(reread.get<QString>(Settings::Key::Transport), QStringLiteral("sockjs"));
    QCOMPARE(reread.get<QStringList>(Settings::Key::Destinations),
             (QStringList {QStringLiteral("/user/topic/all"), QStringLiteral("/topic/chat_demo")}));
    QCOMPARE(reread.get<QString>(Settings::Key::Host), QStringLiteral("/"));
    QCOMPARE(reread.get<QString>(Settings::Key::Login), QStringLiteral("alice"));
    QVERIFY(reread.get<bool>(Settings::Key::DurableSubscription));
    QCOMPARE(reread.headers(),
             (QList<HeaderSetting> {
                 {QStringLiteral("client-id"), QStringLiteral("desk-1"), false, HeaderSetting::Target::Connect}}));
    QCOMPARE(reread.get<int>(Settings::Key::HeartbeatOutMs), 20000);
    QCOMPARE(reread.get<int>(Settings::Key::HeartbeatInMs), 0);
    QCOMPARE(reread.get<int>(Settings::Key::ReconnectInitialMs), 2000);
    QCOMPARE(reread.get<int>(Settings::Key::ReconnectMaxMs), 30000);
    QCOMPARE(reread.get<int>(Settings::Key::ReconnectMaxAttempts), 5);
    QCOMPARE(reread.url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://oa.example.com/")));
    QCOMPARE(reread.urls(Settings::Key::LinkAllowlist),
             (QList<QUrl> {QUrl(QStringLiteral("https://sso.example.com"))}));
    QCOMPARE(reread.get<QString>(Settings::Key::ServerTimeZone), QStringLiteral("Asia/Shanghai"));
    QVERIFY(!reread.get<bool>(Settings::Key::NotificationPopups));
    QVERIFY(reread.get<bool>(Settings::Key::Autostart));
    QCOMPARE(reread.get<QString>(Settings::Key::Language), QStringLiteral("zh_CN"));
    // Untouched keys are not pinned in the user's file: defaults and presets keep applying to them.
    QVERIFY(!reread.isSetByUser(Settings::Key::RetentionCount));
    QVERIFY(!reread.isSetByUser(Settings::Key::NotificationSound));
    QVERIFY(!reread.isSetByUser(Settings::Key::DoNotDisturbUntil));
}

void tst_SettingsDialog::cancelChangesNothing()
{
    const QUrl url(QStringLiteral("ws://127.0.0.1:15674/ws"));
    const HeaderSetting token {QStringLiteral("Authorization"), {}, true, HeaderSetting::Target::Handshake};
    {
        Settings seed(settingsPath());
        seed.setUrls(Settings::Key::ServerUrls, {url});
        seed.setValue(Settings::Key::Login, QStringLiteral("alice"));
        seed.setHeaders({token});
        seed.sync();
    }
    const QString account = Settings::credentialAccount(url, QStringLiteral("alice"));
    const QString newAccount = Settings::credentialAccount(url, QStringLiteral("bob"));
    const QStringList items {Settings::passcodeItem(), token.secretItem()};
    TestCredentialStore store(m_service);
    {
        QSignalSpy stored(&store, &CredentialStore::stored);
        store.store(account, Settings::passcodeItem(), "old-pass");
        store.store(account, token.secretItem(), "Bearer old");
        QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 2, kKeychainWaitMs);
    }
    const QByteArray before = fileBytes(settingsPath());
    QVERIFY(!before.isEmpty());

    Settings settings(settingsPath());
    SettingsDialog dialog(&settings, &store);
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));
    auto *passcode = child<QLineEdit>(dialog, "passcode");
    QCOMPARE(passcode->text(), QStringLiteral("old-pass")); // read from the keychain on opening
    QCOMPARE(passcode->echoMode(), QLineEdit::Password);

    // Change a lot, secrets included...
    retype(child<QLineEdit>(dialog, "login"), QStringLiteral("bob"));
    retype(passcode, QStringLiteral("new-pass"));
    auto *headers = child<HeaderTableEditor>(dialog, "headers");
    QCOMPARE(editCell(headers->table(), 0, HeaderTableEditor::ValueColumn, QStringLiteral("Bearer new")),
             QLineEdit::Password);
    headers->appendHeader(
        {QStringLiteral("X-Other"), QStringLiteral("other-secret"), true, HeaderSetting::Target::Connect});
    child<StringListEditor>(dialog, "serverUrls")->setEntries({QStringLiteral("wss://elsewhere.example.com/ws")});
    child<QCheckBox>(dialog, "sound")->setChecked(!settings.get<bool>(Settings::Key::NotificationSound));
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());

    // ...then Cancel.
    button(dialog, QDialogButtonBox::Cancel)->click();
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(applied.count(), 0);
    QCOMPARE(fileBytes(settingsPath()), before);

    // The keychain holds what it held: through a fresh store when there is a real keychain (the memory of this
    // store is all there is without one).
    TestCredentialStore fresh(m_service);
    CredentialStore &check = expectKeychain() ? fresh : store;
    QCOMPARE(readBack(check, account, items),
             (Secrets {{Settings::passcodeItem(), "old-pass"}, {token.secretItem(), "Bearer old"}}));
    QCOMPARE(readBack(check, newAccount, items + QStringList {QStringLiteral("header/connect/X-Other")}), Secrets());

    QSignalSpy removed(&store, &CredentialStore::removed);
    store.remove(account, Settings::passcodeItem());
    store.remove(account, token.secretItem());
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, kKeychainWaitMs);
}

void tst_SettingsDialog::secretsGoToTheKeychainNeverToTheFile()
{
    const QByteArray passcode = "s3cret-pass-7731";
    const QByteArray token = "Bearer t0k3n-4412";
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    {
        SettingsDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(waitUntilLoaded(dialog));
        child<StringListEditor>(dialog, "serverUrls")->setEntries({QStringLiteral("ws://127.0.0.1:15674/ws")});
        retype(child<QLineEdit>(dialog, "login"), QStringLiteral("guest"));
        retype(child<QLineEdit>(dialog, "passcode"), QString::fromUtf8(passcode));
        auto *headers = child<HeaderTableEditor>(dialog, "headers");
        headers->appendHeader(
            {QStringLiteral("client-id"), QStringLiteral("desk-7"), false, HeaderSetting::Target::Connect});
        headers->appendHeader({QStringLiteral("Authorization"), {}, false, HeaderSetting::Target::Handshake});
        // Typed in the clear, then marked secret: from then on it is shown masked.
        QTableWidget *table = headers->table();
        QCOMPARE(editCell(table, 1, HeaderTableEditor::ValueColumn, QString::fromUtf8(token)), QLineEdit::Normal);
        QCOMPARE(table->item(1, HeaderTableEditor::ValueColumn)->text(), QString::fromUtf8(token));
        table->item(1, HeaderTableEditor::SecretColumn)->setCheckState(Qt::Checked);
        QVERIFY(!table->item(1, HeaderTableEditor::ValueColumn)->text().contains(QStringLiteral("t0k3n")));
        QCOMPARE(headers->headers().at(1).value, QString::fromUtf8(token));

        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        button(dialog, QDialogButtonBox::Apply)->click();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
        QVERIFY(dialog.isVisible()); // Apply keeps the dialog open
        QCOMPARE(dialog.secretsInMemoryOnly(), !expectKeychain());
        QCOMPARE(child<QLabel>(dialog, "keychainNotice")->isHidden(), expectKeychain());
    }

    // The settings file names the secret header, and holds neither secret.
    const QByteArray bytes = fileBytes(settingsPath());
    QVERIFY(bytes.contains("desk-7"));
    QVERIFY(bytes.contains("Authorization"));
    QVERIFY(!bytes.contains(passcode));
    QVERIFY(!bytes.contains("t0k3n-4412"));
    QCOMPARE(filesContaining(QDir::homePath(), passcode), QStringList());
    QCOMPARE(filesContaining(QDir::homePath(), "t0k3n-4412"), QStringList());

    // The next run: fresh Settings, and a fresh CredentialStore when there is a keychain.
    Settings reread(settingsPath());
    TestCredentialStore fresh(m_service);
    CredentialStore &check = expectKeychain() ? fresh : store;
    const Secrets secrets = readBack(check, reread.credentialAccount(), reread.secretItems());
    QCOMPARE(secrets.value(Settings::passcodeItem()), passcode);
    QCOMPARE(secrets.value(QStringLiteral("header/handshake/Authorization")), token);
    ConnectionSecrets connection {secrets.value(Settings::passcodeItem()), secrets};
    const StompConnectOptions options = StompSettings::connectOptions(reread, connection);
    QCOMPARE(options.passcode, passcode);
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QCOMPARE(options.transport.handshakeHeaders, (Headers {{"Authorization", token}}));
    QCOMPARE(options.connectHeaders, (Headers {{"client-id", "desk-7"}}));

    // Opened again, the dialog shows them (the header value masked), and a new login moves them.
    const QString oldAccount = reread.credentialAccount();
    {
        SettingsDialog dialog(&reread, &check);
        dialog.show();
        QVERIFY(waitUntilLoaded(dialog));
        QCOMPARE(child<QLineEdit>(dialog, "passcode")->text(), QString::fromUtf8(passcode));
        auto *headers = child<HeaderTableEditor>(dialog, "headers");
        QCOMPARE(headers->headers().at(1).value, QString::fromUtf8(token));
        // What the table shows (and tells screen readers): dots, not the token.
        const QModelIndex value = headers->table()->model()->index(1, HeaderTableEditor::ValueColumn);
        QCOMPARE(value.data(Qt::DisplayRole).toString(), HeaderTableEditor::displayedValue(QStringLiteral("x"), true));
        QVERIFY(!value.data(Qt::DisplayRole).toString().contains(QStringLiteral("t0k3n")));

        retype(child<QLineEdit>(dialog, "login"), QStringLiteral("admin"));
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        button(dialog, QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    }
    Settings moved(settingsPath());
    QVERIFY(moved.credentialAccount() != oldAccount);
    QCOMPARE(readBack(check, moved.credentialAccount(), moved.secretItems()).size(), 2);
    QCOMPARE(readBack(check, oldAccount, moved.secretItems()), Secrets());

    QSignalSpy removed(&check, &CredentialStore::removed);
    check.remove(moved.credentialAccount(), Settings::passcodeItem());
    check.remove(moved.credentialAccount(), QStringLiteral("header/handshake/Authorization"));
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, kKeychainWaitMs);
}

void tst_SettingsDialog::noKeychainSaysSecretsStayInMemory()
{
    SKIP_WITH_A_KEYCHAIN();
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    // Opening reads the keychain, which finds there is none: the dialog says so before anything is typed.
    QVERIFY(waitUntilLoaded(dialog));
    auto *notice = child<QLabel>(dialog, "keychainNotice");
    QTRY_VERIFY(!notice->isHidden());
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("in memory for this session only")));
    QVERIFY(!notice->toolTip().isEmpty()); // the store's reason

    // And it still applies: the passcode lives in this run's memory, not in the file.
    child<StringListEditor>(dialog, "serverUrls")->setEntries({QStringLiteral("ws://127.0.0.1:15674/ws")});
    retype(child<QLineEdit>(dialog, "passcode"), QStringLiteral("memory-only-pass"));
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    button(dialog, QDialogButtonBox::Apply)->click();
    QTRY_COMPARE(applied.count(), 1);
    QVERIFY(dialog.secretsInMemoryOnly());
    QVERIFY(notice->isVisible());
    QVERIFY(!fileBytes(settingsPath()).contains("memory-only-pass"));
    Settings reread(settingsPath());
    QCOMPARE(readBack(store, reread.credentialAccount(), {Settings::passcodeItem()}).value(Settings::passcodeItem()),
             QByteArray("memory-only-pass"));
}

void tst_SettingsDialog::lockedPresetIsReadOnly()
{
    SKIP_WITH_A_KEYCHAIN();
    {
        QFile preset(presetPath());
        QVERIFY(preset.open(QIODevice::WriteOnly));
        preset.write("[connection]\n"
                     "urls=wss://push.corp.example/ws\n"
                     "destinations=/exchange/corp.todos, /user/topic/all\n"
                     "heartbeatOutMs=20000\n"
                     "[links]\n"
                     "webBaseUrl=https://oa.corp.example/\n"
                     "allowlist=https://sso.corp.example\n"
                     "[admin]\n"
                     "locked=connection/urls, connection/destinations, links/webBaseUrl\n");
    }
    Settings settings(settingsPath(), presetPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));

    // Locked: the preset value, read-only, with a note; unlocked presets are ordinary editable values.
    auto *urls = child<StringListEditor>(dialog, "serverUrls");
    QCOMPARE(urls->entries(), QStringList {QStringLiteral("wss://push.corp.example/ws")});
    QVERIFY(urls->isReadOnly());
    QVERIFY(child<QLabel>(dialog, "serverUrlsLockNote"));
    QVERIFY(child<QLabel>(dialog, "serverUrlsLockNote")->isVisible());
    auto *webBase = child<QLineEdit>(dialog, "webBaseUrl");
    QCOMPARE(webBase->text(), QStringLiteral("https://oa.corp.example/"));
    QVERIFY(webBase->isReadOnly());
    QVERIFY(child<QLabel>(dialog, "webBaseUrlLockNote"));
    QVERIFY(!webBase->accessibleDescription().isEmpty());
    auto *destinations = child<StringListEditor>(dialog, "destinations");
    QCOMPARE(destinations->entries(),
             (QStringList {QStringLiteral("/exchange/corp.todos"), QStringLiteral("/user/topic/all")}));
    QVERIFY(destinations->isReadOnly());
    QVERIFY(child<QLabel>(dialog, "destinationsLockNote"));
    auto *heartbeat = child<QLineEdit>(dialog, "heartbeatOut");
    QCOMPARE(heartbeat->text(), QStringLiteral("20000"));
    QVERIFY(!heartbeat->isReadOnly());
    QVERIFY(!child<QLabel>(dialog, "heartbeatOutLockNote"));
    auto *allowlist = child<StringListEditor>(dialog, "allowlist");
    QCOMPARE(allowlist->entries(), QStringList {QStringLiteral("https://sso.corp.example")});
    QVERIFY(!allowlist->isReadOnly());
    QVERIFY(!child<QLabel>(dialog, "allowlistLockNote"));

    // Typing into the locked field changes nothing; the unlocked preset takes the person's value.
    QTest::keyClicks(webBase, QStringLiteral("evil"));
    QCOMPARE(webBase->text(), QStringLiteral("https://oa.corp.example/"));
    for (const QPushButton *editButton : destinations->findChildren<QPushButton *>())
        QVERIFY2(!editButton->isEnabled(), qPrintable(editButton->text()));
    auto *destinationList = destinations->findChild<QListWidget *>();
    QVERIFY(destinationList);
    destinationList->setCurrentRow(0);
    QTest::keyClick(destinationList, Qt::Key_Delete);
    QCOMPARE(destinations->entries(),
             (QStringList {QStringLiteral("/exchange/corp.todos"), QStringLiteral("/user/topic/all")}));
    retype(heartbeat, QStringLiteral("3000"));
    allowlist->setEntries({QStringLiteral("https://sso.corp.example"), QStringLiteral("https://files.corp.example")});
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    button(dialog, QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(applied.count(), 1);

    if (const QString dir = qEnvironmentVariable("TODO_SCREENSHOT_DIR"); !dir.isEmpty()) {
        dialog.show();
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/settings-locked-en.png")));
    }

    Settings reread(settingsPath(), presetPath());
    QCOMPARE(reread.get<int>(Settings::Key::HeartbeatOutMs), 3000);
    QCOMPARE(reread.url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://oa.corp.example/")));
    QCOMPARE(reread.get<QStringList>(Settings::Key::Destinations),
             (QStringList {QStringLiteral("/exchange/corp.todos"), QStringLiteral("/user/topic/all")}));
    QCOMPARE(reread.urls(Settings::Key::LinkAllowlist),
             (QList<QUrl> {QUrl(QStringLiteral("https://sso.corp.example")),
                           QUrl(QStringLiteral("https://files.corp.example"))}));
    const QByteArray bytes = fileBytes(settingsPath());
    QVERIFY(bytes.contains("heartbeatOutMs=3000"));
    QVERIFY(bytes.contains("allowlist="));
    QVERIFY(!bytes.contains("webBaseUrl"));
    QVERIFY(!bytes.contains("urls="));
    QVERIFY(!bytes.contains("destinations="));
}

void tst_SettingsDialog::autostartShowsWhatTheSystemDoes()
{
    SKIP_WITH_A_KEYCHAIN();
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // The administrator turned starting at login on for everyone (a system-wide autostart entry); this person's
    // settings have never said anything about it.
    const QString systemDir = m_dir->filePath(QStringLiteral("xdg"));
    QVERIFY(QDir().mkpath(systemDir + QStringLiteral("/autostart")));
    {
        QFile entry(systemDir + QStringLiteral("/autostart/todo-notifier.desktop"));
        QVERIFY(entry.open(QIODevice::WriteOnly));
        entry.write("[Desktop Entry]\nType=Application\nName=Todo Notifier\nExec=todo-notifier --minimized\n"
                    "Hidden=false\n");
    }
    const QByteArray savedDirs = qgetenv("XDG_CONFIG_DIRS");
    qputenv("XDG_CONFIG_DIRS", QFile::encodeName(systemDir));
    const auto restore = qScopeGuard([&] { qputenv("XDG_CONFIG_DIRS", savedDirs); });
    QFile::remove(QDir::homePath() + QStringLiteral("/.config/autostart/todo-notifier.desktop"));

    Settings settings(settingsPath());
    settings.setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))});
    QVERIFY(!settings.get<bool>(Settings::Key::Autostart));
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));

    // The box shows that it does start at login, so OK without touching it keeps it so.
    QVERIFY(child<QCheckBox>(dialog, "autostart")->isChecked());
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    button(dialog, QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(applied.count(), 1);
    QVERIFY(Settings(settingsPath()).get<bool>(Settings::Key::Autostart));
#else
    QSKIP("XDG autostart entries exist on Linux and the BSDs only");
#endif
}

void tst_SettingsDialog::testConnectionReportsVersionAndHeartbeat()
{
    SKIP_WITH_A_KEYCHAIN();
    DemoPushServer server;
    server.setHeartbeat(2000, 3000);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));
    child<StringListEditor>(dialog, "serverUrls")->setEntries({server.url().toString()});
    child<StringListEditor>(dialog, "destinations")->setEntries({QStringLiteral("/topic/todos")});
    retype(child<QLineEdit>(dialog, "heartbeatOut"), QStringLiteral("4000"));
    retype(child<QLineEdit>(dialog, "heartbeatIn"), QStringLiteral("6000"));

    auto *test = child<QPushButton>(dialog, "testButton");
    auto *result = child<QLabel>(dialog, "testResult");
    QVERIFY(test->isEnabled());
    test->click();
    QVERIFY(dialog.isTestRunning());
    QVERIFY(!test->isEnabled());
    QVERIFY(child<QPushButton>(dialog, "cancelTestButton")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);
    QVERIFY2(result->text().contains(QStringLiteral("STOMP 1.2")), qPrintable(result->text()));
    // Negotiated from the values on screen and the server's offer: we send every max(4000, 3000), it every
    // max(6000, 2000).
    QVERIFY2(result->text().contains(QStringLiteral("heart-beat 4000 ms out, 6000 ms in")), qPrintable(result->text()));
    QVERIFY(result->text().contains(QStringLiteral("/topic/todos")));
    QVERIFY(test->isEnabled());

    // It really subscribed, asking for a receipt, and did not acknowledge (or lose) anything.
    const QList<StompFrame> subscribes = server.receivedFrames("SUBSCRIBE");
    QCOMPARE(subscribes.size(), 1);
    QCOMPARE(subscribes.at(0).header("destination"), QByteArray("/topic/todos"));
    QVERIFY(!subscribes.at(0).header("receipt").isEmpty());
    QCOMPARE(subscribes.at(0).header("ack"), QByteArray("client-individual"));
    QVERIFY(server.receivedFrames("ACK").isEmpty());
    QTRY_COMPARE(server.connectionCount(), 0); // and said goodbye

    // Testing saves nothing.
    QVERIFY(!QFile::exists(settingsPath()));
}

void tst_SettingsDialog::testConnectionReportsAuthenticationFailure()
{
    SKIP_WITH_A_KEYCHAIN();
    DemoPushServer server;
    server.setCredentials(QStringLiteral("alice"), QStringLiteral("right-pass"));
    QVERIFY(server.listen());

    Settings settings(settingsPath());
    settings.setValue(Settings::Key::Protocol, QStringLiteral("stomp")); // STOMP's own fields and one attempt
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));
    child<StringListEditor>(dialog, "serverUrls")->setEntries({server.url().toString()});
    retype(child<QLineEdit>(dialog, "login"), QStringLiteral("alice"));
    retype(child<QLineEdit>(dialog, "passcode"), QStringLiteral("wrong-pass"));
    auto *result = child<QLabel>(dialog, "testResult");
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);
    QVERIFY2(result->text().startsWith(QStringLiteral("Authentication failed")), qPrintable(result->text()));
    QCOMPARE(server.receivedFrames("CONNECT").size() + server.receivedFrames("STOMP").size(), 1); // one attempt

    // With the right passcode it works (and the old verdict goes as soon as the passcode changes).
    retype(child<QLineEdit>(dialog, "passcode"), QStringLiteral("right-pass"));
    QCOMPARE(result->text(), QString());
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);
    QVERIFY2(result->text().contains(QStringLiteral("STOMP 1.2")), qPrintable(result->text()));
}

void tst_SettingsDialog::testConnectionReportsUnreachableAndEachUrl()
{
    SKIP_WITH_A_KEYCHAIN();
    quint16 deadPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        deadPort = probe.serverPort();
    } // closed: nothing listens there now
    const QString dead = QStringLiteral("ws://127.0.0.1:%1/ws").arg(deadPort);
    DemoPushServer server;
    QVERIFY(server.listen());

    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));
    auto *urls = child<StringListEditor>(dialog, "serverUrls");
    auto *result = child<QLabel>(dialog, "testResult");
    urls->setEntries({dead});
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);
    QVERIFY2(result->text().startsWith(QStringLiteral("Unreachable")), qPrintable(result->text()));

    // A failover list: every URL is tried and reported on its own line, in order.
    urls->setEntries({dead, server.url().toString()});
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);
    const QStringList lines = result->text().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(dead + QStringLiteral(": Unreachable")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(server.url().toString() + QStringLiteral(": It works: STOMP 1.2")),
             qPrintable(lines.at(1)));
}

void tst_SettingsDialog::testConnectionCanBeCancelled()
{
    SKIP_WITH_A_KEYCHAIN();
    FaultInjectingDemoServer server;
    QVERIFY(server.listen());
    server.setStalled(true); // connections hang before the handshake

    Settings settings(settingsPath());
    settings.setValue(Settings::Key::Protocol, QStringLiteral("stomp")); // STOMP's own fields and one attempt
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));
    child<StringListEditor>(dialog, "serverUrls")->setEntries({server.url().toString()});
    auto *result = child<QLabel>(dialog, "testResult");
    auto *cancel = child<QPushButton>(dialog, "cancelTestButton");
    QVERIFY(!cancel->isEnabled());
    child<QPushButton>(dialog, "testButton")->click();
    QVERIFY(result->text().startsWith(QStringLiteral("Connecting to")));
    QTRY_COMPARE(server.pendingHandshakeCount(), 1);
    // The dialog stays responsive meanwhile: fields can be edited.
    QTest::keyClicks(child<QLineEdit>(dialog, "login"), QStringLiteral("x"));
    QCOMPARE(child<QLineEdit>(dialog, "login")->text(), QStringLiteral("x"));

    QVERIFY(cancel->isEnabled());
    cancel->click();
    QVERIFY(!dialog.isTestRunning());
    QCOMPARE(result->text(), QStringLiteral("Test cancelled."));
    QVERIFY(child<QPushButton>(dialog, "testButton")->isEnabled());
    QTRY_COMPARE(server.pendingHandshakeCount(), 0); // the connection was closed
}

void tst_SettingsDialog::firstRunOffersTheDemoServer()
{
    SKIP_WITH_A_KEYCHAIN();
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    {
        SettingsDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(!child<QWidget>(dialog, "firstRunBanner")->isVisible()); // not unless asked for
    }
    SettingsDialog dialog(&settings, &store);
    QVERIFY(!settings.isConfigured());
    dialog.setFirstRun(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(child<QWidget>(dialog, "firstRunBanner")->isVisible());
    QVERIFY(child<QLabel>(dialog, "firstRunText")->text().contains(QStringLiteral("No server is configured")));
    auto *demo = child<QPushButton>(dialog, "demoButton");
    QVERIFY(demo->isVisible());
    QCOMPARE(child<QTabWidget>(dialog, "pages")->currentIndex(), int(SettingsDialog::Page::Connection));

    QSignalSpy demoRequested(&dialog, &SettingsDialog::demoRequested);
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    demo->click();
    QCOMPARE(demoRequested.count(), 1);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), SettingsDialog::DemoResult);
    QCOMPARE(applied.count(), 0);
    QVERIFY(!QFile::exists(settingsPath()));
}

void tst_SettingsDialog::keyboardAndAccessibility()
{
    SKIP_WITH_A_KEYCHAIN();
    Settings settings(settingsPath());
    settings.setValue(Settings::Key::Protocol, QStringLiteral("stomp")); // STOMP's own fields and one attempt
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QVERIFY(waitUntilLoaded(dialog));

    // Tab walks the Connection page top to bottom (with a URL, so that "Test connection" is enabled).
    child<StringListEditor>(dialog, "serverUrls")->setEntries({QStringLiteral("ws://127.0.0.1:1/ws")});
    auto *login = child<QLineEdit>(dialog, "login");
    auto *passcode = child<QLineEdit>(dialog, "passcode");
    login->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), login);
    QTest::keyClick(login, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), passcode);
    QTest::keyClick(passcode, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QCheckBox>(dialog, "durable"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QPushButton>(dialog, "testButton"));

    // Labels are buddies: Alt+P reaches the passcode.
    login->setFocus();
    QTest::keyClick(&dialog, Qt::Key_P, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), passcode);

    // Every input has a name for screen readers.
    const char *const inputs[] = {"protocol",
                                  "transport",
                                  "namespace",
                                  "host",
                                  "login",
                                  "passcode",
                                  "durable",
                                  "popups",
                                  "sound",
                                  "doNotDisturb",
                                  "doNotDisturbUntil",
                                  "urgentBypass",
                                  "quietHours",
                                  "quietFrom",
                                  "quietTo",
                                  "quietDay_mon",
                                  "quietWholeDay_sun",
                                  "offlineNotice",
                                  "autostart",
                                  "language",
                                  "webBaseUrl",
                                  "pendingListUrl",
                                  "heartbeatOut",
                                  "heartbeatIn",
                                  "reconnectInitial",
                                  "reconnectMax",
                                  "reconnectAttempts",
                                  "timeZone",
                                  "retentionCount",
                                  "retentionDays",
                                  "testButton",
                                  "testResult",
                                  "realertUrgent",
                                  "belowUrgency",
                                  "belowAction",
                                  "addRule",
                                  "removeRule",
                                  "removedIdsField",
                                  "refetchOnCountDrop"};
    for (const char *name : inputs) {
        auto *widget = child<QWidget>(dialog, name);
        QVERIFY2(widget, name);
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        QVERIFY2(accessible && !accessible->text(QAccessible::Name).isEmpty(), name);
    }
    for (const char *name : {"serverUrls", "destinations", "events", "allowlist"})
        QVERIFY2(!child<StringListEditor>(dialog, name)->listWidget()->accessibleName().isEmpty(), name);
    QVERIFY(!child<HeaderTableEditor>(dialog, "headers")->table()->accessibleName().isEmpty());

    // Socket.IO's fields: in the tab order between the protocol and the login, reached by their mnemonics.
    auto *protocol = child<QComboBox>(dialog, "protocol");
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("socketio")));
    auto *events = child<StringListEditor>(dialog, "events");
    auto *nsp = child<QLineEdit>(dialog, "namespace");
    protocol->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), protocol);
    QTest::keyClick(protocol, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), events->listWidget());
    nsp->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), nsp);
    QTest::keyClick(nsp, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), login);
    login->setFocus();
    QTest::keyClick(&dialog, Qt::Key_N, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), nsp);
    QTest::keyClick(&dialog, Qt::Key_V, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), events->listWidget());
    QCOMPARE(nsp->accessibleName(), QStringLiteral("Namespace"));
    QCOMPARE(events->listWidget()->accessibleName(), QStringLiteral("Events"));
}

// The Servers page: add, rename and remove (after the confirmation), each at once and said with serversChanged().
void tst_SettingsDialog::serversAddRenameRemove()
{
    SKIP_WITH_A_KEYCHAIN();
    Settings settings(settingsPath());
    settings.setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))});
    ServerProfiles profiles(&settings);
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    QVERIFY(!dialog.hasPage(SettingsDialog::Page::Servers)); // without the profiles, no page
    QVERIFY(!child<QTreeWidget>(dialog, "servers"));
    dialog.setServerProfiles(&profiles);
    QVERIFY(dialog.hasPage(SettingsDialog::Page::Servers));
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));
    dialog.showPage(SettingsDialog::Page::Servers);
    QCOMPARE(listedServers(dialog), QStringList {QStringLiteral("push.example.com")});
    for (const char *name : {"servers", "addServer", "renameServer", "removeServer", "editServer"}) {
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(child<QWidget>(dialog, name));
        QVERIFY2(accessible && !accessible->text(QAccessible::Name).isEmpty(), name);
    }
    QSignalSpy changed(&dialog, &SettingsDialog::serversChanged);

    // Add…: a name, and the server is there (its file too).
    child<QPushButton>(dialog, "addServer")->click();
    QVERIFY(answerNameDialog(dialog, QStringLiteral("Test <b>system</b>")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(listedServers(dialog),
             (QStringList {QStringLiteral("push.example.com"), QStringLiteral("Test <b>system</b>")}));
    const QString id = profiles.ids().value(1);
    QCOMPARE(id, QStringLiteral("test-b-system-b"));
    QVERIFY(QFile::exists(profiles.profilePath(id)));
    // A name another server has is refused with a reason, and nothing changes.
    child<QPushButton>(dialog, "addServer")->click();
    QVERIFY(answerNameDialog(dialog, QStringLiteral("PUSH.example.com")));
    QTRY_VERIFY(!child<QLabel>(dialog, "serversMessage")->isHidden());
    QVERIFY(child<QLabel>(dialog, "serversMessage")->text().contains(QStringLiteral("PUSH.example.com")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(profiles.ids().size(), 2);

    // The first server cannot be removed.
    selectServerRow(dialog, 0);
    QVERIFY(!child<QPushButton>(dialog, "removeServer")->isEnabled());
    QVERIFY(child<QPushButton>(dialog, "renameServer")->isEnabled());

    // Rename…: the same id, another name.
    selectServerRow(dialog, 1);
    child<QPushButton>(dialog, "renameServer")->click();
    QVERIFY(answerNameDialog(dialog, QStringLiteral("Staging")));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(listedServers(dialog), (QStringList {QStringLiteral("push.example.com"), QStringLiteral("Staging")}));
    QCOMPARE(profiles.ids().value(1), id);
    QCOMPARE(Settings(profiles.profilePath(id)).get<QString>(Settings::Key::ServerName), QStringLiteral("Staging"));

    // Remove asks first: Cancel keeps the server, Remove removes it and its file.
    selectServerRow(dialog, 1);
    child<QPushButton>(dialog, "removeServer")->click();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = shownChild<QMessageBox>(dialog, "removeServerConfirmation")) != nullptr);
    QVERIFY(confirm->text().contains(QStringLiteral("Staging")));
    QCOMPARE(confirm->textFormat(), Qt::PlainText);
    confirm->button(QMessageBox::Cancel)->click();
    QCOMPARE(changed.count(), 2);
    QCOMPARE(profiles.ids().size(), 2);
    // ... and may forget the server's secrets in the keychain (here the store's memory).
    const QString account = profiles.settings(id)->credentialAccount();
    QSignalSpy stored(&store, &CredentialStore::stored);
    store.store(account, Settings::passcodeItem(), "staging-secret");
    QTRY_COMPARE(stored.count(), 1);
    QCOMPARE(readBack(store, account, {Settings::passcodeItem()}).size(), 1);
    selectServerRow(dialog, 1);
    child<QPushButton>(dialog, "removeServer")->click();
    QTRY_VERIFY((confirm = shownChild<QMessageBox>(dialog, "removeServerConfirmation")) != nullptr);
    auto *forget = confirm->findChild<QCheckBox *>(QStringLiteral("forgetSecrets"));
    QVERIFY(forget);
    QVERIFY(!forget->isChecked()); // only when asked
    forget->click();
    QSignalSpy removed(&store, &CredentialStore::removed);
    confirm->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(readBack(store, account, {Settings::passcodeItem()}), Secrets());
    QCOMPARE(changed.count(), 3);
    QCOMPARE(listedServers(dialog), QStringList {QStringLiteral("push.example.com")});
    QCOMPARE(profiles.ids(), QStringList {QString()});
    QVERIFY(!QFile::exists(profiles.profilePath(id)));
    QCOMPARE(Settings(settingsPath()).get<QStringList>(Settings::Key::ExtraServers), QStringList());
}

// Edit… on a server beyond the first opens a dialog of that server's own settings, with only the pages of a
// connection; its Apply writes that server's file, never the main one, its passcode goes to the keychain under that
// server's own account, and the main dialog says that a server changed. Edit… on the first server shows the
// Connection page. TODO_SCREENSHOT_DIR=<dir> saves the Servers page with two servers.
void tst_SettingsDialog::editingAServerOpensItsOwnDialog()
{
    Settings settings(settingsPath());
    settings.setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))});
    settings.setValue(Settings::Key::ServerName, QStringLiteral("Production"));
    settings.setValue(Settings::Key::Protocol, QStringLiteral("stomp"));
    ServerProfiles profiles(&settings);
    const QString id = profiles.add(QStringLiteral("Test system"));
    profiles.settings(id)->setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("http://test.example.com/events"))});
    profiles.settings(id)->setValue(Settings::Key::Protocol, QStringLiteral("sse"));
    profiles.settings(id)->sync();
    const QByteArray mainBefore = fileBytes(settingsPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.setServerProfiles(&profiles);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(waitUntilLoaded(dialog));
    dialog.showPage(SettingsDialog::Page::Servers);
    QCOMPARE(listedServers(dialog), (QStringList {QStringLiteral("Production"), QStringLiteral("Test system")}));
    if (const QString dir = qEnvironmentVariable("TODO_SCREENSHOT_DIR"); !dir.isEmpty()) {
        child<QLabel>(dialog, "keychainNotice")->hide(); // the page as with a keychain, like the others
        selectServerRow(dialog, 1);
        QCoreApplication::processEvents();
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/settings-servers.png")));
    }

    // The first server: the Connection page of this dialog.
    selectServerRow(dialog, 0);
    child<QPushButton>(dialog, "editServer")->click();
    QVERIFY(!dialog.serverDialog());
    auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("pages"));
    QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Connection"));

    // Another server: its own dialog, server only.
    dialog.showPage(SettingsDialog::Page::Servers);
    selectServerRow(dialog, 1);
    QSignalSpy changed(&dialog, &SettingsDialog::serversChanged);
    child<QPushButton>(dialog, "editServer")->click();
    QPointer<SettingsDialog> server = dialog.serverDialog();
    QVERIFY(server);
    QVERIFY(server->isVisible());
    QCOMPARE(server->mode(), SettingsDialog::Mode::ServerOnly);
    QVERIFY(server->windowTitle().contains(QStringLiteral("Test system")));
    QVERIFY(waitUntilLoaded(*server));
    for (SettingsDialog::Page page :
         {SettingsDialog::Page::Connection, SettingsDialog::Page::Links, SettingsDialog::Page::Advanced})
        QVERIFY(server->hasPage(page));
    for (SettingsDialog::Page page :
         {SettingsDialog::Page::Notifications, SettingsDialog::Page::Rules, SettingsDialog::Page::Servers})
        QVERIFY(!server->hasPage(page));
    QCOMPARE(child<QTabWidget>(*server, "pages")->count(), 3);
    for (const char *global : {"language", "autostart", "popups", "quietHours", "belowUrgency"})
        QVERIFY2(!child<QWidget>(*server, global), global);
    server->setFirstRun(true); // never for a server of its own
    QVERIFY(!child<QWidget>(*server, "firstRunBanner")->isVisible());
    // It shows that server's settings.
    QCOMPARE(child<StringListEditor>(*server, "serverUrls")->entries(),
             QStringList {QStringLiteral("http://test.example.com/events")});

    retype(child<QLineEdit>(*server, "login"), QStringLiteral("tester"));
    retype(child<QLineEdit>(*server, "passcode"), QStringLiteral("test-secret"));
    retype(child<QLineEdit>(*server, "webBaseUrl"), QStringLiteral("https://test.example.com/app/"));
    QSignalSpy applied(server.data(), &SettingsDialog::applied);
    button(*server, QDialogButtonBox::Apply)->click();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    QCOMPARE(changed.count(), 1);

    Settings reread(profiles.profilePath(id));
    QCOMPARE(reread.get<QString>(Settings::Key::Login), QStringLiteral("tester"));
    QCOMPARE(reread.url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://test.example.com/app/")));
    QCOMPARE(reread.get<QString>(Settings::Key::Protocol), QStringLiteral("sse"));
    QVERIFY(!fileBytes(profiles.profilePath(id)).contains("test-secret"));
    QCOMPARE(fileBytes(settingsPath()), mainBefore); // the main file untouched
    QVERIFY(!Settings(settingsPath()).isSetByUser(Settings::Key::Login));
    const QString account = reread.credentialAccount();
    QCOMPARE(account, QStringLiteral("tester@http://test.example.com/events"));
    if (expectKeychain()) {
        TestCredentialStore fresh(m_service);
        QCOMPARE(readBack(fresh, account, {Settings::passcodeItem()}).value(Settings::passcodeItem()),
                 QByteArray("test-secret"));
    }

    button(*server, QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!server); // closed and gone
    QCOMPARE(changed.count(), 2); // applied once more (nothing new, but the owner re-reads)
}

void tst_SettingsDialog::renderEveryPage_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

// Renders each page; every label, check box and button gets at least the room its text needs (nothing cut off,
// in Chinese either). With TODO_SCREENSHOT_DIR set, saves the pages as PNG files to look at.
void tst_SettingsDialog::renderEveryPage()
{
    SKIP_WITH_A_KEYCHAIN();
    QFETCH(QString, language);
    QCOMPARE(Translations::install(language), language);
    const auto restore = qScopeGuard([] { Translations::install(QStringLiteral("en")); });

    DemoPushServer server;
    QVERIFY(server.listen());
    Settings settings(settingsPath());
    settings.setUrls(Settings::Key::ServerUrls, {server.url()});
    settings.setValue(Settings::Key::Login, QStringLiteral("alice"));
    settings.setUrl(Settings::Key::WebBaseUrl, QUrl(QStringLiteral("https://oa.example.com/")));
    settings.setUrls(Settings::Key::LinkAllowlist, {QUrl(QStringLiteral("https://sso.example.com"))});
    settings.setHeaders({{QStringLiteral("client-id"), QStringLiteral("desk-1"), false, HeaderSetting::Target::Connect},
                         {QStringLiteral("Authorization"), {}, true, HeaderSetting::Target::Handshake}});
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(waitUntilLoaded(dialog));
    retype(child<QLineEdit>(dialog, "passcode"), QStringLiteral("demo-pass")); // shown as dots
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);

    const QString dir = qEnvironmentVariable("TODO_SCREENSHOT_DIR");
    const char *const pages[] = {"connection", "notifications", "rules", "links", "advanced"};
    for (int page = 0; page < 5; ++page) {
        dialog.showPage(SettingsDialog::Page(page));
        QCoreApplication::processEvents();
        const QWidget *current = child<QTabWidget>(dialog, "pages")->currentWidget();
        for (const QWidget *widget : current->findChildren<QWidget *>()) {
            if (!widget->isVisible())
                continue;
            const auto *label = qobject_cast<const QLabel *>(widget);
            const bool sized = (label && !label->wordWrap()) || qobject_cast<const QAbstractButton *>(widget);
            if (sized) {
                QVERIFY2(
                    widget->width() >= widget->minimumSizeHint().width(),
                    qPrintable(QStringLiteral("%1 \"%2\" is cut off on page %3")
                                   .arg(widget->objectName(),
                                        label ? label->text() : qobject_cast<const QAbstractButton *>(widget)->text())
                                   .arg(page)));
            }
        }
        const QImage image = dialog.grab().toImage();
        QVERIFY(!image.isNull());
        if (!dir.isEmpty()) {
            QVERIFY(QDir().mkpath(dir));
            const QString file =
                QStringLiteral("%1/settings-%2-%3.png").arg(dir, QString::fromLatin1(pages[page]), language);
            QVERIFY2(image.save(file), qPrintable(file));
        }
    }
    // The first-run look, and how problems show.
    dialog.setFirstRun(true);
    dialog.showPage(SettingsDialog::Page::Connection);
    QCoreApplication::processEvents();
    if (!dir.isEmpty())
        QVERIFY(dialog.grab().save(QStringLiteral("%1/settings-firstrun-%2.png").arg(dir, language)));
    dialog.setFirstRun(false);
    child<StringListEditor>(dialog, "serverUrls")->setEntries({QStringLiteral("ftp://push.example.com/ws")});
    retype(child<QLineEdit>(dialog, "heartbeatOut"), QStringLiteral("-5"));
    QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QCoreApplication::processEvents();
    if (!dir.isEmpty())
        QVERIFY(dialog.grab().save(QStringLiteral("%1/settings-invalid-%2.png").arg(dir, language)));
}

void tst_SettingsDialog::protocolShowsOnlyItsFields()
{
    SKIP_WITH_A_KEYCHAIN();
    // A plain JSON WebSocket server: it greets, and says nothing of STOMP.
    QWebSocketServer server(QStringLiteral("json"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QStringList received;
    connect(&server, &QWebSocketServer::newConnection, this, [&server, &received] {
        QWebSocket *peer = server.nextPendingConnection();
        peer->setParent(&server); // QWebSocketServer does not own what it hands out
        connect(peer, &QWebSocket::textMessageReceived, peer, [&received](const QString &text) { received << text; });
    });

    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));
    auto *protocol = child<QComboBox>(dialog, "protocol");
    auto *destinations = child<StringListEditor>(dialog, "destinations");
    auto *openMessage = child<QLineEdit>(dialog, "openMessage");
    auto *interval = child<QLineEdit>(dialog, "keepAliveInterval");
    auto *transport = child<QComboBox>(dialog, "transport");
    auto *events = child<StringListEditor>(dialog, "events");
    auto *nsp = child<QLineEdit>(dialog, "namespace");
    QVERIFY(protocol && destinations && openMessage && interval && transport && events && nsp);

    // Every protocol a person can choose, each by a label of its own rather than its setting value.
    QCOMPARE(protocol->count(), Settings::protocols().size());
    QStringList labels;
    for (const QString &value : Settings::protocols()) {
        const int index = protocol->findData(value);
        QVERIFY2(index >= 0, qPrintable(value));
        QVERIFY2(protocol->itemText(index) != value, qPrintable(value));
        labels << protocol->itemText(index);
    }
    QCOMPARE(labels.removeDuplicates(), 0);
    QCOMPARE(protocol->itemText(protocol->findData(QStringLiteral("sse"))),
             QStringLiteral("Server-Sent Events (text/event-stream)"));
    QCOMPARE(protocol->itemText(protocol->findData(QStringLiteral("socketio"))), QStringLiteral("Socket.IO 4"));

    // Automatic by default: it may find any, so every set of fields shows.
    QCOMPARE(protocol->currentData().toString(), QStringLiteral("auto"));
    QVERIFY(destinations->isVisibleTo(&dialog));
    QVERIFY(openMessage->isVisibleTo(&dialog));
    QVERIFY(events->isVisibleTo(&dialog));
    QVERIFY(nsp->isVisibleTo(&dialog));
    QVERIFY(events->emptyText().contains(QStringLiteral("\"message\"")));
    QVERIFY(events->emptyText().contains(QStringLiteral("every Socket.IO event")));

    protocol->setCurrentIndex(protocol->findData(QStringLiteral("stomp")));
    QVERIFY(destinations->isVisibleTo(&dialog));
    QVERIFY(transport->isVisibleTo(&dialog));
    QVERIFY(!openMessage->isVisibleTo(&dialog));
    QVERIFY(!events->isVisibleTo(&dialog));
    QVERIFY(!nsp->isVisibleTo(&dialog));

    // Server-Sent Events: the event types, nothing of STOMP, plain WebSocket or Socket.IO.
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("sse")));
    QVERIFY(events->isVisibleTo(&dialog));
    QVERIFY(!nsp->isVisibleTo(&dialog));
    QVERIFY(!destinations->isVisibleTo(&dialog));
    QVERIFY(!transport->isVisibleTo(&dialog));
    QVERIFY(!child<QLineEdit>(dialog, "host")->isVisibleTo(&dialog));
    QVERIFY(!child<QCheckBox>(dialog, "durable")->isVisibleTo(&dialog));
    QVERIFY(!openMessage->isVisibleTo(&dialog));
    QVERIFY(!interval->isVisibleTo(&dialog));
    // The empty list says what it means for this protocol, and only while it is empty.
    auto *emptyText = events->findChild<QLabel *>(QStringLiteral("emptyText"));
    QVERIFY(emptyText);
    QVERIFY(emptyText->isVisibleTo(&dialog));
    QCOMPARE(emptyText->text(), events->emptyText());
    QVERIFY(events->emptyText().contains(QStringLiteral("\"message\"")));
    QVERIFY(!events->emptyText().contains(QStringLiteral("Socket.IO")));
    events->setEntries({QStringLiteral("todo")});
    QVERIFY(!emptyText->isVisibleTo(&dialog));
    events->setEntries({});
    QVERIFY(emptyText->isVisibleTo(&dialog));

    // Socket.IO: the event names and the namespace.
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("socketio")));
    QVERIFY(events->isVisibleTo(&dialog));
    QVERIFY(nsp->isVisibleTo(&dialog));
    QVERIFY(!destinations->isVisibleTo(&dialog));
    QVERIFY(!transport->isVisibleTo(&dialog));
    QVERIFY(!openMessage->isVisibleTo(&dialog));
    QCOMPARE(events->emptyText(), QStringLiteral("Empty: every event."));
    QCOMPARE(nsp->placeholderText(), QStringLiteral("empty: the URL's path"));

    // A plain WebSocket: no destinations (and none needed to save), an open message and a keep-alive instead.
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("json-ws")));
    QVERIFY(!destinations->isVisibleTo(&dialog));
    QVERIFY(openMessage->isVisibleTo(&dialog));
    QVERIFY(!events->isVisibleTo(&dialog));
    QVERIFY(!nsp->isVisibleTo(&dialog));
    child<StringListEditor>(dialog, "serverUrls")->setEntries({server.serverUrl().toString()});
    destinations->setEntries({});
    retype(openMessage, QStringLiteral(R"({"clientId":"{clientId}"})"));
    retype(child<QLineEdit>(dialog, "keepAliveMessage"), QStringLiteral("ping"));
    retype(interval, QStringLiteral("500"));
    QVERIFY2(shownMessage(dialog, "keepAliveInterval").contains(QStringLiteral("1000")),
             qPrintable(shownMessage(dialog, "keepAliveInterval")));
    retype(interval, QStringLiteral("5000"));
    QVERIFY(shownMessage(dialog, "keepAliveInterval").isEmpty());

    // "Test connection" speaks the protocol on screen: the open message reaches the server.
    auto *result = child<QLabel>(dialog, "testResult");
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);
    QVERIFY2(result->text().startsWith(QStringLiteral("It works: plain WebSocket")), qPrintable(result->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), kNetworkWaitMs);
    const QString expectedStart = QStringLiteral("{\"clientId\":\"todo-notifier-");
    QVERIFY2(received.first().startsWith(expectedStart), qPrintable(received.first()));

    // Automatic finds it is a plain WebSocket, and says how it knows.
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("auto")));
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTestRunning(), kNetworkWaitMs);
    QVERIFY2(result->text().startsWith(QStringLiteral("It works: plain WebSocket")), qPrintable(result->text()));
    QVERIFY2(result->text().contains(QStringLiteral("(auto: ")), qPrintable(result->text()));
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("json-ws")));

    // Saved as shown, without destinations (a plain WebSocket has none).
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    button(dialog, QDialogButtonBox::Ok)->click();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    Settings reread(settingsPath());
    QCOMPARE(reread.get<QString>(Settings::Key::Protocol), QStringLiteral("json-ws"));
    QCOMPARE(reread.get<QString>(Settings::Key::OpenMessage), QStringLiteral(R"({"clientId":"{clientId}"})"));
    QCOMPARE(reread.get<int>(Settings::Key::KeepAliveIntervalMs), 5000);
    QCOMPARE(reread.get<QStringList>(Settings::Key::Destinations), QStringList());
}

// Socket.IO's events and namespace, and the protocol, are shown as saved, and saved as shown; the next dialog shows
// them again. TODO_SCREENSHOT_DIR=<dir> saves the Connection page with Socket.IO chosen there.
void tst_SettingsDialog::quietHoursAndOfflineNoticeRoundTrip()
{
    SKIP_WITH_A_KEYCHAIN();
    using Key = Settings::Key;
    {
        Settings seed(settingsPath());
        QVERIFY(seed.setUrls(Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))}));
        seed.sync();
    }
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    {
        SettingsDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitUntilLoaded(dialog));
        dialog.showPage(SettingsDialog::Page::Notifications);
        QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
        auto *quiet = child<QCheckBox>(dialog, "quietHours");
        auto *from = child<QTimeEdit>(dialog, "quietFrom");
        auto *to = child<QTimeEdit>(dialog, "quietTo");
        auto *preview = child<QLabel>(dialog, "quietPreview");
        // Off by default, the fields greyed; the defaults wait behind them.
        QVERIFY(!quiet->isChecked());
        QVERIFY(!from->isEnabled());
        QCOMPARE(from->time(), QTime(19, 0));
        QCOMPARE(to->time(), QTime(8, 0));
        QVERIFY(child<QCheckBox>(dialog, "quietDay_fri")->isChecked());
        QVERIFY(!child<QCheckBox>(dialog, "quietDay_sat")->isChecked());
        QVERIFY(child<QCheckBox>(dialog, "quietWholeDay_sun")->isChecked());
        QCOMPARE(preview->text(), QStringLiteral("No quiet hours."));

        quiet->click();
        QVERIFY(from->isEnabled());
        QVERIFY(preview->text() != QStringLiteral("No quiet hours.")); // what it means now
        // A window that starts where it ends is refused with a reason.
        to->setTime(QTime(19, 0));
        QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
        to->setTime(QTime(7, 30));
        QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
        from->setTime(QTime(20, 15));
        child<QCheckBox>(dialog, "quietDay_sun")->click();
        child<QCheckBox>(dialog, "quietWholeDay_sun")->click();
        child<QSpinBox>(dialog, "offlineNotice")->setValue(0);

        if (const QString dir = qEnvironmentVariable("TODO_SCREENSHOT_DIR"); !dir.isEmpty()) {
            child<QLabel>(dialog, "keychainNotice")->hide(); // the page as with a keychain, like the others
            QCoreApplication::processEvents();
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/settings-quiet-hours.png")));
        }
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        button(dialog, QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    }
    Settings reread(settingsPath());
    QVERIFY(reread.get<bool>(Key::QuietHoursEnabled));
    QCOMPARE(reread.get<QString>(Key::QuietHoursFrom), QStringLiteral("20:15"));
    QCOMPARE(reread.get<QString>(Key::QuietHoursTo), QStringLiteral("07:30"));
    QCOMPARE(reread.get<QStringList>(Key::QuietHoursDays),
             (QStringList {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
                           QStringLiteral("fri"), QStringLiteral("sun")}));
    QCOMPARE(reread.get<QStringList>(Key::QuietHoursWholeDays), QStringList {QStringLiteral("sat")});
    QCOMPARE(reread.get<int>(Key::OfflineNoticeMinutes), 0);
    // Sunday night (2026-12-06 23:00) is quiet now, Sunday noon no longer.
    QVERIFY(reread.isQuietHoursActive(QDateTime(QDate(2026, 12, 6), QTime(23, 0))));
    QVERIFY(!reread.isQuietHoursActive(QDateTime(QDate(2026, 12, 6), QTime(12, 0))));
}

// The Rules page: rules added, edited and removed in the table, the urgency threshold, a preview that follows every
// edit against the todos the provider gives, a rule without text refused with a reason; OK writes them all.
// TODO_SCREENSHOT_DIR=<dir> saves the page with its rules and preview.
void tst_SettingsDialog::rulesRoundTripWithPreview()
{
    SKIP_WITH_A_KEYCHAIN();
    using Key = Settings::Key;
    {
        Settings seed(settingsPath());
        QVERIFY(seed.setUrls(Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))}));
        seed.sync();
    }
    QList<Todo> todos;
    const auto addTodos = [&todos](int count, const QString &type, const QString &sender, const QString &department,
                                   int urgency) {
        for (int i = 0; i < count; ++i) {
            Todo todo;
            todo.key = QStringLiteral("id:%1").arg(todos.size());
            todo.title = QStringLiteral("%1 #%2").arg(type).arg(i + 1);
            todo.businessName = type;
            todo.senderName = sender;
            todo.senderDepartment = department;
            todo.urgency = urgency;
            todos.append(todo);
        }
    };
    addTodos(3, QStringLiteral("日报"), QStringLiteral("System"), QStringLiteral("信息中心"), 0);
    addTodos(5, QStringLiteral("Leave request"), QStringLiteral("李四"), QStringLiteral("人力资源部"), 0);
    addTodos(2, QStringLiteral("变更申请"), QStringLiteral("张伟"), QStringLiteral("研发中心"), 1);
    addTodos(110, QStringLiteral("合同审批"), QStringLiteral("王五"), QStringLiteral("Finance"), 1);

    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    {
        SettingsDialog dialog(&settings, &store);
        dialog.setTodoProvider([&todos] { return todos; });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitUntilLoaded(dialog));
        dialog.showPage(SettingsDialog::Page::Rules);
        auto *table = child<QTableWidget>(dialog, "rules");
        auto *preview = child<QLabel>(dialog, "rulesPreview");
        auto *examples = child<QLabel>(dialog, "rulesExamples");
        auto *belowUrgency = child<QComboBox>(dialog, "belowUrgency");
        auto *belowAction = child<QComboBox>(dialog, "belowAction");
        // None by default.
        QCOMPARE(table->rowCount(), 0);
        QCOMPARE(belowUrgency->currentData().toInt(), 0);
        QCOMPARE(preview->text(), QStringLiteral("Would mute 0 and lower 0 of the 120 todos in the list."));
        QVERIFY(examples->text().isEmpty());

        // A rule: an empty text is refused with a reason, until typed.
        child<QPushButton>(dialog, "addRule")->click();
        QCOMPARE(table->rowCount(), 1);
        QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(child<QLabel>(dialog, "rulesRowMessage")->text().contains(QStringLiteral("Enter the text")));
        auto *text = qobject_cast<QLineEdit *>(table->cellWidget(0, 2));
        auto *field = qobject_cast<QComboBox *>(table->cellWidget(0, 0));
        auto *match = qobject_cast<QComboBox *>(table->cellWidget(0, 1));
        auto *action = qobject_cast<QComboBox *>(table->cellWidget(0, 3));
        QVERIFY(text && field && match && action);
        QCOMPARE(text->objectName(), QStringLiteral("ruleText"));
        QTest::keyClicks(text, QStringLiteral("system")); // case does not matter
        field->setCurrentIndex(field->findData(QStringLiteral("sender")));
        QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
        QCOMPARE(preview->text(), QStringLiteral("Would mute 3 and lower 0 of the 120 todos in the list."));
        QVERIFY(examples->text().startsWith(QStringLiteral("Muted: 日报 #1")));

        // A second: lower leave requests.
        child<QPushButton>(dialog, "addRule")->click();
        QCOMPARE(table->rowCount(), 2);
        QTest::keyClicks(qobject_cast<QLineEdit *>(table->cellWidget(1, 2)), QStringLiteral("leave"));
        auto *match2 = qobject_cast<QComboBox *>(table->cellWidget(1, 1));
        match2->setCurrentIndex(match2->findData(QStringLiteral("contains")));
        auto *action2 = qobject_cast<QComboBox *>(table->cellWidget(1, 3));
        action2->setCurrentIndex(action2->findData(QStringLiteral("lower")));
        QCOMPARE(preview->text(), QStringLiteral("Would mute 3 and lower 5 of the 120 todos in the list."));
        QVERIFY(examples->text().contains(QStringLiteral("Lowered: Leave request #1")));

        // A third, removed again.
        child<QPushButton>(dialog, "addRule")->click();
        QTest::keyClicks(qobject_cast<QLineEdit *>(table->cellWidget(2, 2)), QStringLiteral("finance"));
        auto *field3 = qobject_cast<QComboBox *>(table->cellWidget(2, 0));
        field3->setCurrentIndex(field3->findData(QStringLiteral("department")));
        QCOMPARE(preview->text(), QStringLiteral("Would mute 113 and lower 5 of the 120 todos in the list."));
        table->cellWidget(2, 2)->setFocus();
        child<QPushButton>(dialog, "removeRule")->click();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(preview->text(), QStringLiteral("Would mute 3 and lower 5 of the 120 todos in the list."));

        // The threshold: lower every normal todo (the muted stay muted).
        belowUrgency->setCurrentIndex(belowUrgency->findData(1));
        belowAction->setCurrentIndex(belowAction->findData(QStringLiteral("lower")));
        QCOMPARE(preview->text(), QStringLiteral("Would mute 3 and lower 5 of the 120 todos in the list."));
        belowUrgency->setCurrentIndex(belowUrgency->findData(2));
        QCOMPARE(preview->text(), QStringLiteral("Would mute 3 and lower 117 of the 120 todos in the list."));
        belowUrgency->setCurrentIndex(belowUrgency->findData(1));

        if (const QString dir = qEnvironmentVariable("TODO_SCREENSHOT_DIR"); !dir.isEmpty()) {
            child<QLabel>(dialog, "keychainNotice")->hide(); // the page as with a keychain, like the others
            // The preview's new lines reach the layouts of the page, the scroll area and the dialog in turn.
            for (int i = 0; i < 4; ++i)
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QCoreApplication::processEvents();
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/settings-rules.png")));
        }
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        button(dialog, QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    }
    Settings reread(settingsPath());
    const NotificationRules rules = NotificationRules::fromSettings(reread);
    QCOMPARE(rules.rules,
             (QList<NotificationRule> {{NotificationRule::Field::Sender, NotificationRule::Match::Equals,
                                        QStringLiteral("system"), NotificationRule::Action::Mute},
                                       {NotificationRule::Field::Type, NotificationRule::Match::Contains,
                                        QStringLiteral("leave"), NotificationRule::Action::Lower}}));
    QCOMPARE(rules.belowUrgency, 1);
    QCOMPARE(rules.belowAction, NotificationRule::Action::Lower);

    // Opened again, the dialog shows them as saved.
    SettingsDialog again(&settings, &store);
    auto *table = child<QTableWidget>(again, "rules");
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(qobject_cast<QLineEdit *>(table->cellWidget(1, 2))->text(), QStringLiteral("leave"));
    QCOMPARE(child<QLabel>(again, "rulesPreview")->text(),
             QStringLiteral("There are no todos in the list to try the rules on."));
}

void tst_SettingsDialog::realertRoundTrip()
{
    SKIP_WITH_A_KEYCHAIN();
    using Key = Settings::Key;
    {
        Settings seed(settingsPath());
        QVERIFY(seed.setUrls(Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))}));
        seed.sync();
    }
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    {
        SettingsDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitUntilLoaded(dialog));
        dialog.showPage(SettingsDialog::Page::Notifications);
        auto *realert = child<QSpinBox>(dialog, "realertUrgent");
        QCOMPARE(realert->value(), 0); // off by default
        QCOMPARE(realert->text(), QStringLiteral("Never"));
        realert->setValue(20);
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        button(dialog, QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    }
    QCOMPARE(Settings(settingsPath()).get<int>(Key::RealertUrgentMinutes), 20);
}

void tst_SettingsDialog::eventsAndNamespaceRoundTrip()
{
    SKIP_WITH_A_KEYCHAIN();
    using Key = Settings::Key;
    {
        Settings seed(settingsPath());
        QVERIFY(seed.setUrls(Key::ServerUrls, {QUrl(QStringLiteral("https://push.example.com"))}));
        QVERIFY(seed.setValue(Key::Protocol, QStringLiteral("socketio")));
        QVERIFY(seed.setValue(Key::Events, QStringList {QStringLiteral("todo"), QStringLiteral("todo.urgent")}));
        QVERIFY(seed.setValue(Key::Namespace, QStringLiteral("/admin")));
        QVERIFY(seed.setValue(Key::Login, QStringLiteral("alice")));
        seed.sync();
    }
    Settings settings(settingsPath());
    TestCredentialStore store(m_service);
    {
        SettingsDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitUntilLoaded(dialog));
        auto *protocol = child<QComboBox>(dialog, "protocol");
        auto *events = child<StringListEditor>(dialog, "events");
        auto *nsp = child<QLineEdit>(dialog, "namespace");
        // Socket.IO stays chosen (not Automatic), with its fields.
        QCOMPARE(protocol->currentData().toString(), QStringLiteral("socketio"));
        QCOMPARE(events->entries(), (QStringList {QStringLiteral("todo"), QStringLiteral("todo.urgent")}));
        QCOMPARE(nsp->text(), QStringLiteral("/admin"));
        QVERIFY(events->isVisibleTo(&dialog));
        QVERIFY(nsp->isVisibleTo(&dialog));

        if (const QString dir = qEnvironmentVariable("TODO_SCREENSHOT_DIR"); !dir.isEmpty()) {
            retype(child<QLineEdit>(dialog, "passcode"), QStringLiteral("demo-pass")); // shown as dots
            child<QLabel>(dialog, "keychainNotice")->hide(); // the page as with a keychain, like the others
            dialog.showPage(SettingsDialog::Page::Connection);
            QCoreApplication::processEvents();
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/settings-connection-socketio.png")));
        }

        events->setEntries({QStringLiteral("todo.created"), QStringLiteral("todo.updated")});
        retype(nsp, QStringLiteral("/todos"));
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        button(dialog, QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    }
    {
        Settings reread(settingsPath());
        QCOMPARE(reread.get<QString>(Key::Protocol), QStringLiteral("socketio"));
        QCOMPARE(reread.get<QStringList>(Key::Events),
                 (QStringList {QStringLiteral("todo.created"), QStringLiteral("todo.updated")}));
        QCOMPARE(reread.get<QString>(Key::Namespace), QStringLiteral("/todos"));

        // The next dialog shows them; Server-Sent Events with no event types listed is saved as such.
        SettingsDialog again(&reread, &store);
        again.show();
        QVERIFY(waitUntilLoaded(again));
        auto *events = child<StringListEditor>(again, "events");
        QCOMPARE(events->entries(), (QStringList {QStringLiteral("todo.created"), QStringLiteral("todo.updated")}));
        QCOMPARE(child<QLineEdit>(again, "namespace")->text(), QStringLiteral("/todos"));
        auto *protocol = child<QComboBox>(again, "protocol");
        protocol->setCurrentIndex(protocol->findData(QStringLiteral("sse")));
        events->setEntries({});
        QSignalSpy applied(&again, &SettingsDialog::applied);
        button(again, QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kKeychainWaitMs);
    }
    Settings last(settingsPath());
    QCOMPARE(last.get<QString>(Key::Protocol), QStringLiteral("sse"));
    QCOMPARE(last.get<QStringList>(Key::Events), QStringList());
    QCOMPARE(last.get<QString>(Key::Namespace), QStringLiteral("/todos")); // hidden, left as it was
}

// An administrator's events and protocol, locked: shown, not editable, not saved; the unlocked namespace preset is
// the person's to change.
void tst_SettingsDialog::lockedEventsAreNotEditable()
{
    SKIP_WITH_A_KEYCHAIN();
    {
        QFile preset(presetPath());
        QVERIFY(preset.open(QIODevice::WriteOnly));
        preset.write("[connection]\n"
                     "urls=https://push.corp.example\n"
                     "protocol=socketio\n"
                     "events=todo, todo.urgent\n"
                     "namespace=/corp\n"
                     "[admin]\n"
                     "locked=connection/events, connection/protocol\n");
    }
    Settings settings(settingsPath(), presetPath());
    TestCredentialStore store(m_service);
    SettingsDialog dialog(&settings, &store);
    dialog.show();
    QVERIFY(waitUntilLoaded(dialog));

    auto *protocol = child<QComboBox>(dialog, "protocol");
    QCOMPARE(protocol->currentData().toString(), QStringLiteral("socketio"));
    QVERIFY(!protocol->isEnabled());
    QVERIFY(child<QLabel>(dialog, "protocolLockNote"));
    auto *events = child<StringListEditor>(dialog, "events");
    QCOMPARE(events->entries(), (QStringList {QStringLiteral("todo"), QStringLiteral("todo.urgent")}));
    QVERIFY(events->isReadOnly());
    QVERIFY(events->isVisibleTo(&dialog));
    QVERIFY(child<QLabel>(dialog, "eventsLockNote"));
    QVERIFY(child<QLabel>(dialog, "eventsLockNote")->isVisibleTo(&dialog));
    auto *nsp = child<QLineEdit>(dialog, "namespace");
    QCOMPARE(nsp->text(), QStringLiteral("/corp"));
    QVERIFY(!nsp->isReadOnly());
    QVERIFY(!child<QLabel>(dialog, "namespaceLockNote"));

    // Neither the buttons, nor Delete, nor the entry editor change the locked list.
    for (const QPushButton *editButton : events->findChildren<QPushButton *>())
        QVERIFY2(!editButton->isEnabled(), qPrintable(editButton->text()));
    QListWidget *list = events->listWidget();
    list->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Delete);
    QTest::keyClick(list, Qt::Key_F2);
    list->editItem(list->item(0));
    QVERIFY(!list->viewport()->findChild<QLineEdit *>());
    QVERIFY(!(list->item(0)->flags() & Qt::ItemIsEditable));
    QCOMPARE(events->entries(), (QStringList {QStringLiteral("todo"), QStringLiteral("todo.urgent")}));

    retype(nsp, QStringLiteral("/people"));
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    button(dialog, QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(applied.count(), 1);
    Settings reread(settingsPath(), presetPath());
    QCOMPARE(reread.get<QString>(Settings::Key::Namespace), QStringLiteral("/people"));
    QCOMPARE(reread.get<QStringList>(Settings::Key::Events),
             (QStringList {QStringLiteral("todo"), QStringLiteral("todo.urgent")}));
    const QByteArray bytes = fileBytes(settingsPath());
    QVERIFY(bytes.contains("namespace=/people"));
    QVERIFY(!bytes.contains("events="));
    QVERIFY(!bytes.contains("protocol="));
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
