// Several servers at once, the tray application against two real servers of different kinds: "Production" is
// ActiveMQ's STOMP port (stomp://, the main settings), "Test system" is a SockJS endpoint on npm `sockjs` (STOMP over
// SockJS, a server profile of its own). Each server sends a todo with the same id; both are in the one list, each
// named by its server, and the tray counts both. The test system goes down (its port closed for a while): the tray
// shows the worst state and names that server, production keeps delivering, and once the test system is back both
// are connected again and it delivers too. Publishers are independent: python3-stomp for ActiveMQ, the SockJS server's
// own push for the other.
#include "GuiOptions.h"
#include "IntegrationHelpers.h"
#include "TrayApplication.h"
#include "model/MergedTodoModel.h"
#include "model/TodoModel.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 30000;

QByteArray todoJson(const QString &id, const QString &title)
{
    const QJsonObject todo {{QStringLiteral("id"), id},
                            {QStringLiteral("title"), title},
                            {QStringLiteral("handlerUrl"), QStringLiteral("/todo/%1").arg(id)}};
    return QJsonDocument(
               QJsonObject {{QStringLiteral("data"), QJsonObject {{QStringLiteral("sysMsgList"), QJsonArray {todo}}}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_SeveralServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void twoServersOneGoesDown();

private:
    bool publishToActiveMq(const QString &destination, const QByteArray &body);
    QJsonDocument control(const QByteArray &method, const QString &path, const QByteArray &body = {});
    static QJsonObject status(const TrayApplication &app) { return QJsonDocument::fromJson(app.statusJson()).object(); }
    static QString serverState(const TrayApplication &app, int index)
    {
        return status(app)
            .value(QLatin1String("servers"))
            .toArray()
            .at(index)
            .toObject()
            .value(QLatin1String("state"))
            .toString();
    }
    static int serverTodos(const TrayApplication &app, int index)
    {
        return status(app)
            .value(QLatin1String("servers"))
            .toArray()
            .at(index)
            .toObject()
            .value(QLatin1String("todoCount"))
            .toInt();
    }

    int m_activeMqPort = 0;
    int m_sockJsPort = 0;
    QNetworkAccessManager m_network;
};

void tst_SeveralServers::initTestCase()
{
    m_activeMqPort = portFrom("TODO_AMQ_STOMP_PORT_FILE");
    m_sockJsPort = portFrom("TODO_SOCKJS_PORT_FILE");
    QVERIFY2(m_activeMqPort > 0 && m_sockJsPort > 0,
             "run through ctest: the activemq and several_sockjs fixtures start the servers");
}

bool tst_SeveralServers::publishToActiveMq(const QString &destination, const QByteArray &body)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("/usr/bin/python3"),
                  {qEnvironmentVariable("TODO_RMQ_PUBLISH"), QStringLiteral("--port"), QString::number(m_activeMqPort),
                   QStringLiteral("--host"), QStringLiteral("localhost"), QStringLiteral("-d"), destination,
                   QStringLiteral("--body-template"), QString::fromUtf8(body), QStringLiteral("--receipt")});
    if (!process.waitForFinished(60000))
        return false;
    if (process.exitCode() != 0)
        qWarning().noquote() << process.readAll();
    return process.exitCode() == 0;
}

QJsonDocument tst_SeveralServers::control(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_sockJsPort).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kWaitMs))
        return {};
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll());
}

void tst_SeveralServers::twoServersOneGoesDown()
{
    const QString tag = QString::number(QRandomGenerator::global()->generate(), 16);
    const QString productionQueue = QStringLiteral("/queue/several-production-") + tag;
    const QString testQueue = QStringLiteral("/queue/several-test-") + tag;

    // The main settings describe production and name one more server; its profile describes the test system.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mainPath = dir.filePath(QStringLiteral("todo-notifier.ini"));
    {
        QSettings main(mainPath, QSettings::IniFormat);
        main.setValue(QStringLiteral("connection/urls"),
                      QStringList {QStringLiteral("stomp://127.0.0.1:%1").arg(m_activeMqPort)});
        main.setValue(QStringLiteral("connection/protocol"), QStringLiteral("stomp"));
        main.setValue(QStringLiteral("connection/destinations"), QStringList {productionQueue});
        main.setValue(QStringLiteral("connection/name"), QStringLiteral("Production"));
        main.setValue(QStringLiteral("connection/reconnectInitialMs"), 200);
        main.setValue(QStringLiteral("connection/reconnectMaxMs"), 1000);
        main.setValue(QStringLiteral("servers/profiles"), QStringList {QStringLiteral("test")});
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("servers"))));
        QSettings test(dir.filePath(QStringLiteral("servers/test.ini")), QSettings::IniFormat);
        test.setValue(QStringLiteral("connection/urls"),
                      QStringList {QStringLiteral("http://127.0.0.1:%1/app/ws").arg(m_sockJsPort)});
        test.setValue(QStringLiteral("connection/protocol"), QStringLiteral("sockjs"));
        test.setValue(QStringLiteral("connection/destinations"), QStringList {testQueue});
        test.setValue(QStringLiteral("connection/name"), QStringLiteral("Test system"));
        test.setValue(QStringLiteral("connection/reconnectInitialMs"), 200);
        test.setValue(QStringLiteral("connection/reconnectMaxMs"), 1000);
    }

    // The stores of this run only (each server's file in the data folder).
    qputenv("XDG_DATA_HOME", QFile::encodeName(dir.filePath(QStringLiteral("data"))));
    GuiOptions options;
    options.configPath = mainPath;
    options.minimized = true;
    TrayApplication app(options);
    QVERIFY(app.start());
    QTRY_COMPARE_WITH_TIMEOUT(status(app).value(QLatin1String("state")).toString(), QStringLiteral("connected"),
                              kWaitMs);
    QCOMPARE(status(app).value(QLatin1String("servers")).toArray().size(), 2);
    QCOMPARE(serverState(app, 0), QStringLiteral("connected"));
    QCOMPARE(serverState(app, 1), QStringLiteral("connected"));

    // Both send a todo with id 1: two todos, each named by its server, and the tray counts both.
    QVERIFY(publishToActiveMq(productionQueue, todoJson(QStringLiteral("1"), QStringLiteral("Approve the budget"))));
    control("POST", QStringLiteral("/control/push?destination=") + testQueue,
            todoJson(QStringLiteral("1"), QStringLiteral("Review the test plan")));
    const MergedTodoModel *list = app.model();
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), 2, kWaitMs);
    QCOMPARE(status(app).value(QLatin1String("pendingCount")).toInt(), 2);
    QHash<QString, QString> serverOfTitle;
    for (int row = 0; row < list->rowCount(); ++row) {
        const QModelIndex index = list->index(row);
        serverOfTitle.insert(index.data(TodoModel::TitleRole).toString(),
                             index.data(MergedTodoModel::ServerNameRole).toString());
    }
    QCOMPARE(serverOfTitle.value(QStringLiteral("Approve the budget")), QStringLiteral("Production"));
    QCOMPARE(serverOfTitle.value(QStringLiteral("Review the test plan")), QStringLiteral("Test system"));

    // The test system goes down for a while: the tray shows the worst state, naming it; production keeps working.
    control("POST", QStringLiteral("/control/restart?ms=6000"));
    QTRY_COMPARE_WITH_TIMEOUT(serverState(app, 1), QStringLiteral("offline"), kWaitMs);
    QCOMPARE(status(app).value(QLatin1String("state")).toString(), QStringLiteral("offline"));
    QCOMPARE(serverState(app, 0), QStringLiteral("connected"));
    QVERIFY(publishToActiveMq(productionQueue, todoJson(QStringLiteral("2"), QStringLiteral("Sign the contract"))));
    QTRY_COMPARE_WITH_TIMEOUT(serverTodos(app, 0), 2, kWaitMs);
    QCOMPARE(list->count(), 3);

    // Back: both connected, and the test system delivers again.
    QTRY_COMPARE_WITH_TIMEOUT(status(app).value(QLatin1String("state")).toString(), QStringLiteral("connected"),
                              kWaitMs);
    control("POST", QStringLiteral("/control/push?destination=") + testQueue,
            todoJson(QStringLiteral("3"), QStringLiteral("Approve the release")));
    QTRY_COMPARE_WITH_TIMEOUT(serverTodos(app, 1), 2, kWaitMs);
    QCOMPARE(list->count(), 4);
    QCOMPARE(status(app).value(QLatin1String("pendingCount")).toInt(), 4);

    QSignalSpy quit(&app, &TrayApplication::quitRequested);
    app.quit();
    QVERIFY(quit.size() > 0 || quit.wait(kWaitMs));
}

QTEST_MAIN(tst_SeveralServers)
#include "tst_severalservers.moc"
