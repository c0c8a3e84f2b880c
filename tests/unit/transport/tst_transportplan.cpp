// The decisions of transport selection (TransportPlan, used by AutoTransport through TransportSelector), by
// table: for each URL form people paste and each way the server answers, what is tried in which order, what is
// remembered, what the user is told, and which error is reported when nothing works. Plus the selector's
// per-URL modes and memory.
#include "transport/AutoTransport.h"
#include "transport/TransportPlan.h"
#include "transport/TransportSelector.h"

#include <QTest>

namespace {

QString describe(const TransportPlan::Step &step)
{
    switch (step.action) {
    case TransportPlan::Action::FetchInfo:
        return QStringLiteral("info ") + step.url.toString();
    case TransportPlan::Action::OpenWebSocket:
        return QStringLiteral("websocket ") + step.url.toString();
    case TransportPlan::Action::OpenSockJs:
        return QStringLiteral("sockjs ") + step.url.toString();
    case TransportPlan::Action::OpenXhrStreaming:
        return QStringLiteral("xhr-streaming ") + step.url.toString();
    case TransportPlan::Action::OpenXhrPolling:
        return QStringLiteral("xhr-polling ") + step.url.toString();
    case TransportPlan::Action::Fail:
        break;
    }
    return QStringLiteral("fail");
}

// Outcomes, as the executor reports them: "info ws=true", "info ws=false", "info 404", "info unreachable",
// "info 401", "info not-json", "info 503", "refused 404", "refused 200", "unreachable", "closed", "tls", "auth 401".
TransportPlan::Step apply(TransportPlan &plan, const QString &outcome)
{
    const QString base = QStringLiteral("http://host/app/ws/info");
    if (outcome == QLatin1String("info ws=true") || outcome == QLatin1String("info ws=false")) {
        SockJsInfo info;
        info.websocket = outcome.endsWith(QLatin1String("true"));
        return plan.infoFetched(info);
    }
    if (outcome == QLatin1String("info 404"))
        return plan.infoFailed(TransportError::HandshakeRefused,
                               QStringLiteral("SockJS info endpoint returned 404: this may be a raw WebSocket URL"),
                               404);
    if (outcome == QLatin1String("info not-json"))
        return plan.infoFailed(TransportError::HandshakeRefused, QStringLiteral("answered, but not as a SockJS server"),
                               200);
    if (outcome == QLatin1String("info unreachable"))
        return plan.infoFailed(TransportError::Unreachable, QStringLiteral("Connection refused"), 0);
    if (outcome == QLatin1String("info 503"))
        return plan.infoFailed(
            TransportError::Unreachable,
            QStringLiteral("SockJS info endpoint returned 503: the server behind it is not answering"), 503);
    if (outcome == QLatin1String("info 401"))
        return plan.infoFailed(TransportError::AuthRejected, QStringLiteral("SockJS info endpoint returned 401"), 401);
    if (outcome.startsWith(QLatin1String("refused ")))
        return plan.openFailed(TransportError::HandshakeRefused,
                               QStringLiteral("Unhandled http status code: %1 (Not Found)").arg(outcome.mid(8)));
    if (outcome == QLatin1String("unreachable"))
        return plan.openFailed(TransportError::Unreachable, QStringLiteral("Connection refused"));
    if (outcome == QLatin1String("closed"))
        return plan.openFailed(TransportError::Closed, QStringLiteral("the connection closed during the handshake"));
    if (outcome == QLatin1String("tls"))
        return plan.openFailed(TransportError::Tls, QStringLiteral("TLS certificate rejected"));
    if (outcome == QLatin1String("auth 401"))
        return plan.openFailed(TransportError::AuthRejected, QStringLiteral("Unhandled http status code: 401"));
    qFatal("unknown outcome in the test table");
    return {};
}

} // namespace

class tst_TransportPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decisions_data();
    void decisions();
    void rememberedChoiceComesFirstAndIsDroppedWhenRefused();
    void rememberedChoiceSurvivesAnUnreachableServer();
    void rememberedHttpTransportComesFirst();
    void modeNamesRoundTrip();
    void selectorKeepsModesAndMemoryPerUrl();
    void selectorCreatesTransportsThatReportAsynchronously();
};

void tst_TransportPlan::decisions_data()
{
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArrayList>("outcomes"); // what each step met, in order; the last step is then final
    QTest::addColumn<QByteArrayList>("stepBytes"); // every step the plan asked for, including the final one
    QTest::addColumn<QByteArray>("explanationBytes"); // when the final step opened
    QTest::addColumn<int>("failureError"); // when the final step is "fail"
    QTest::addColumn<QByteArray>("failureBytes");

    const int automatic = int(TransportMode::Auto);
    const int none = int(TransportError::None);

    QTest::newRow("http SockJS base: raw /websocket accepted")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info ws=true"}
        << QByteArrayList {"info http://host/app/ws", "websocket ws://host/app/ws/websocket"}
        << QByteArray("auto: /info says websocket:true") << none << QByteArray();
    QTest::newRow("http SockJS base: raw refused, SockJS framing")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info ws=true", "refused 404"}
        << QByteArrayList {"info http://host/app/ws", "websocket ws://host/app/ws/websocket",
                           "sockjs http://host/app/ws"}
        << QByteArray("auto: /info says websocket:true; raw /websocket refused with 404") << none << QByteArray();
    QTest::newRow("https stays secure")
        << QByteArray("https://host/app/ws") << automatic << QByteArrayList {"info ws=true", "refused 400"}
        << QByteArrayList {"info https://host/app/ws", "websocket wss://host/app/ws/websocket",
                           "sockjs https://host/app/ws"}
        << QByteArray("auto: /info says websocket:true; raw /websocket refused with 400") << none << QByteArray();
    QTest::newRow("http URL of a raw WebSocket endpoint")
        << QByteArray("http://host:15674/ws") << automatic << QByteArrayList {"info 404"}
        << QByteArrayList {"info http://host:15674/ws", "websocket ws://host:15674/ws"}
        << QByteArray("auto: /info returned 404") << none << QByteArray();
    QTest::newRow("http URL that answers /info with something else")
        << QByteArray("http://host/ws") << automatic << QByteArrayList {"info not-json"}
        << QByteArrayList {"info http://host/ws", "websocket ws://host/ws"}
        << QByteArray("auto: /info is not SockJS JSON") << none << QByteArray();
    QTest::newRow("http URL that is neither")
        << QByteArray("http://host/nothing") << automatic << QByteArrayList {"info 404", "refused 404"}
        << QByteArrayList {"info http://host/nothing", "websocket ws://host/nothing", "fail"} << QByteArray()
        << int(TransportError::HandshakeRefused)
        << QByteArray("this may be a raw WebSocket URL; as a raw WebSocket URL");
    QTest::newRow("SockJS with WebSocket switched off: xhr-streaming")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info ws=false"}
        << QByteArrayList {"info http://host/app/ws", "xhr-streaming http://host/app/ws"}
        << QByteArray("auto: /info says websocket:false") << none << QByteArray();
    QTest::newRow("WebSocket off and streaming refused: xhr-polling")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info ws=false", "refused 404"}
        << QByteArrayList {"info http://host/app/ws", "xhr-streaming http://host/app/ws",
                           "xhr-polling http://host/app/ws"}
        << QByteArray("auto: /info says websocket:false; xhr-streaming refused with 404") << none << QByteArray();
    QTest::newRow("streaming held back by a buffering proxy: xhr-polling")
        << QByteArray("https://host/app/ws") << automatic << QByteArrayList {"info ws=false", "closed"}
        << QByteArrayList {"info https://host/app/ws", "xhr-streaming https://host/app/ws",
                           "xhr-polling https://host/app/ws"}
        << QByteArray("auto: /info says websocket:false; xhr-streaming failed (the connection closed during the "
                      "handshake)")
        << none << QByteArray();
    QTest::newRow("every SockJS transport refused: polling's reason, and what came before")
        << QByteArray("http://host/app/ws") << automatic
        << QByteArrayList {"info ws=false", "refused 404", "refused 404"}
        << QByteArrayList {"info http://host/app/ws", "xhr-streaming http://host/app/ws",
                           "xhr-polling http://host/app/ws", "fail"}
        << QByteArray() << int(TransportError::HandshakeRefused)
        << QByteArray("404 (Not Found) (before: /info says websocket:false; xhr-streaming refused with 404)");
    QTest::newRow("proxy drops Upgrade: both WebSocket paths refused, xhr-streaming")
        << QByteArray("http://host/app/ws") << automatic
        << QByteArrayList {"info ws=true", "refused 400", "refused 400"}
        << QByteArrayList {"info http://host/app/ws", "websocket ws://host/app/ws/websocket",
                           "sockjs http://host/app/ws", "xhr-streaming http://host/app/ws"}
        << QByteArray("auto: /info says websocket:true; raw /websocket refused with 400; SockJS WebSocket refused with "
                      "400")
        << none << QByteArray();
    QTest::newRow("proxy closes upgrades: xhr-streaming")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info ws=true", "closed", "closed"}
        << QByteArrayList {"info http://host/app/ws", "websocket ws://host/app/ws/websocket",
                           "sockjs http://host/app/ws", "xhr-streaming http://host/app/ws"}
        << QByteArray("auto: /info says websocket:true; raw /websocket failed (the connection closed during the "
                      "handshake); SockJS WebSocket failed (the connection closed during the handshake)")
        << none << QByteArray();
    QTest::newRow("TLS failure of xhr-streaming is final")
        << QByteArray("https://host/app/ws") << automatic << QByteArrayList {"info ws=false", "tls"}
        << QByteArrayList {"info https://host/app/ws", "xhr-streaming https://host/app/ws", "fail"} << QByteArray()
        << int(TransportError::Tls) << QByteArray("TLS");
    QTest::newRow("credentials refused on the SockJS WebSocket are final")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info ws=true", "refused 404", "auth 401"}
        << QByteArrayList {"info http://host/app/ws", "websocket ws://host/app/ws/websocket",
                           "sockjs http://host/app/ws", "fail"}
        << QByteArray() << int(TransportError::AuthRejected) << QByteArray("401");
    QTest::newRow("ws URL of a SockJS endpoint with WebSocket off")
        << QByteArray("ws://host/app/ws") << automatic << QByteArrayList {"refused 200", "info ws=false"}
        << QByteArrayList {"websocket ws://host/app/ws", "info ws://host/app/ws", "xhr-streaming ws://host/app/ws"}
        << QByteArray("auto: WebSocket upgrade refused with 200; /info says websocket:false") << none << QByteArray();
    QTest::newRow("server behind a proxy down: unreachable, nothing else tried")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info 503"}
        << QByteArrayList {"info http://host/app/ws", "fail"} << QByteArray() << int(TransportError::Unreachable)
        << QByteArray("503");
    QTest::newRow("http host down: nothing else is tried")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info unreachable"}
        << QByteArrayList {"info http://host/app/ws", "fail"} << QByteArray() << int(TransportError::Unreachable)
        << QByteArray("Connection refused");
    QTest::newRow("http /info wants credentials")
        << QByteArray("http://host/app/ws") << automatic << QByteArrayList {"info 401"}
        << QByteArrayList {"info http://host/app/ws", "fail"} << QByteArray() << int(TransportError::AuthRejected)
        << QByteArray("401");
    QTest::newRow("ws raw endpoint accepted")
        << QByteArray("ws://host/ws") << automatic << QByteArrayList {} << QByteArrayList {"websocket ws://host/ws"}
        << QByteArray("auto: the WebSocket upgrade was accepted") << none << QByteArray();
    QTest::newRow("ws URL of a SockJS endpoint")
        << QByteArray("ws://host/app/ws") << automatic << QByteArrayList {"refused 200", "info ws=true", "refused 404"}
        << QByteArrayList {"websocket ws://host/app/ws", "info ws://host/app/ws",
                           "websocket ws://host/app/ws/websocket", "sockjs ws://host/app/ws"}
        << QByteArray(
               "auto: WebSocket upgrade refused with 200; /info says websocket:true; raw /websocket refused with 404")
        << none << QByteArray();
    QTest::newRow("ws refused and no SockJS either: the upgrade is reported")
        << QByteArray("ws://host/ws") << automatic << QByteArrayList {"refused 404", "info 404"}
        << QByteArrayList {"websocket ws://host/ws", "info ws://host/ws", "fail"} << QByteArray()
        << int(TransportError::HandshakeRefused)
        << QByteArray("status code: 404 (Not Found); not a SockJS endpoint either");
    QTest::newRow("ws host down: no /info probe")
        << QByteArray("ws://host/ws") << automatic << QByteArrayList {"unreachable"}
        << QByteArrayList {"websocket ws://host/ws", "fail"} << QByteArray() << int(TransportError::Unreachable)
        << QByteArray("Connection refused");
    QTest::newRow("ws TLS failure: no /info probe")
        << QByteArray("wss://host/ws") << automatic << QByteArrayList {"tls"}
        << QByteArrayList {"websocket wss://host/ws", "fail"} << QByteArray() << int(TransportError::Tls)
        << QByteArray("TLS");
    QTest::newRow("ws credentials refused: no /info probe")
        << QByteArray("ws://host/ws") << automatic << QByteArrayList {"auth 401"}
        << QByteArrayList {"websocket ws://host/ws", "fail"} << QByteArray() << int(TransportError::AuthRejected)
        << QByteArray("401");
    QTest::newRow("host gone after /info: the WebSocket paths, then HTTP, which reports it")
        << QByteArray("http://host/app/ws") << automatic
        << QByteArrayList {"info ws=true", "unreachable", "unreachable", "unreachable"}
        << QByteArrayList {"info http://host/app/ws", "websocket ws://host/app/ws/websocket",
                           "sockjs http://host/app/ws", "xhr-streaming http://host/app/ws", "fail"}
        << QByteArray() << int(TransportError::Unreachable) << QByteArray("Connection refused");
    QTest::newRow("mode websocket: one step, http becomes ws")
        << QByteArray("http://host:15674/ws") << int(TransportMode::WebSocket) << QByteArrayList {}
        << QByteArrayList {"websocket ws://host:15674/ws"} << QByteArray("websocket, as configured") << none
        << QByteArray();
    QTest::newRow("mode websocket: refused is final")
        << QByteArray("ws://host/ws") << int(TransportMode::WebSocket) << QByteArrayList {"refused 404"}
        << QByteArrayList {"websocket ws://host/ws", "fail"} << QByteArray() << int(TransportError::HandshakeRefused)
        << QByteArray("404");
    QTest::newRow("mode sockjs: /info, then its WebSocket")
        << QByteArray("http://host/app/ws") << int(TransportMode::SockJs) << QByteArrayList {"info ws=true"}
        << QByteArrayList {"info http://host/app/ws", "sockjs http://host/app/ws"}
        << QByteArray("sockjs, as configured") << none << QByteArray();
    QTest::newRow("mode sockjs: WebSocket off, xhr-streaming")
        << QByteArray("http://host/app/ws") << int(TransportMode::SockJs) << QByteArrayList {"info ws=false"}
        << QByteArrayList {"info http://host/app/ws", "xhr-streaming http://host/app/ws"}
        << QByteArray("sockjs, as configured: /info says websocket:false") << none << QByteArray();
    QTest::newRow("mode sockjs: the same order after a refused WebSocket")
        << QByteArray("http://host/app/ws") << int(TransportMode::SockJs)
        << QByteArrayList {"info ws=true", "refused 426", "refused 404"}
        << QByteArrayList {"info http://host/app/ws", "sockjs http://host/app/ws", "xhr-streaming http://host/app/ws",
                           "xhr-polling http://host/app/ws"}
        << QByteArray("sockjs, as configured: SockJS WebSocket refused with 426; xhr-streaming refused with 404")
        << none << QByteArray();
    QTest::newRow("mode sockjs: no /info is final")
        << QByteArray("http://host/app/ws") << int(TransportMode::SockJs) << QByteArrayList {"info 404"}
        << QByteArrayList {"info http://host/app/ws", "fail"} << QByteArray() << int(TransportError::HandshakeRefused)
        << QByteArray("SockJS info endpoint returned 404");
    QTest::newRow("not a server URL") << QByteArray("ftp://host/x") << automatic << QByteArrayList {}
                                      << QByteArrayList {"fail"} << QByteArray()
                                      << int(TransportError::HandshakeRefused) << QByteArray("not a server URL");
}

void tst_TransportPlan::decisions()
{
    QFETCH(QByteArray, url);
    QFETCH(int, mode);
    QFETCH(QByteArrayList, outcomes);
    QFETCH(QByteArrayList, stepBytes);
    QFETCH(QByteArray, explanationBytes);
    QFETCH(int, failureError);
    QFETCH(QByteArray, failureBytes);
    QStringList steps;
    for (const QByteArray &step : std::as_const(stepBytes))
        steps << QString::fromUtf8(step);
    const QString explanation = QString::fromUtf8(explanationBytes);
    const QString failureContains = QString::fromUtf8(failureBytes);

    TransportPlan plan {QUrl(QString::fromUtf8(url)), TransportMode(mode)};
    QStringList trace {describe(plan.start())};
    for (const QByteArray &outcome : std::as_const(outcomes))
        trace << describe(apply(plan, QString::fromUtf8(outcome)));
    QCOMPARE(trace, steps);
    if (steps.last() == QLatin1String("fail")) {
        QCOMPARE(int(plan.failureError()), failureError);
        QVERIFY2(plan.failureReason().contains(failureContains), qPrintable(plan.failureReason()));
    } else {
        QCOMPARE(plan.explanation(), explanation);
        const TransportChoice choice = plan.choice();
        QCOMPARE(choice.url.toString(), steps.last().section(QLatin1Char(' '), 1));
        const QString kind = steps.last().section(QLatin1Char(' '), 0, 0);
        QCOMPARE(choice.kind, kind == QLatin1String("websocket") ? TransportMode::WebSocket : TransportMode::SockJs);
        const SockJsFlavour flavour = kind == QLatin1String("xhr-streaming") ? SockJsFlavour::XhrStreaming
            : kind == QLatin1String("xhr-polling")                           ? SockJsFlavour::XhrPolling
                                                                             : SockJsFlavour::WebSocket;
        QCOMPARE(choice.flavour, flavour);
        QCOMPARE(choice.explanation, explanation);
    }
}

void tst_TransportPlan::rememberedChoiceComesFirstAndIsDroppedWhenRefused()
{
    const QUrl url(QStringLiteral("http://host/app/ws"));
    TransportChoice remembered {TransportMode::SockJs, url,
                                QStringLiteral("auto: /info says websocket:true; raw /websocket refused with 404")};
    {
        // Next connection: straight to SockJS, no /info round trip, and the reason stays visible.
        TransportPlan plan(url, TransportMode::Auto, remembered);
        QCOMPARE(describe(plan.start()), QStringLiteral("sockjs http://host/app/ws"));
        QCOMPARE(plan.explanation(),
                 QStringLiteral("auto, remembered: /info says websocket:true; raw /websocket refused with 404"));
        QCOMPARE(plan.choice().explanation, remembered.explanation); // remembering again does not nest
        QVERIFY(!plan.rememberedRefused());
    }
    {
        // The server changed (now raw WebSocket only): the memory is dropped and the URL explored again.
        TransportPlan plan(url, TransportMode::Auto, remembered);
        plan.start();
        QCOMPARE(describe(apply(plan, QStringLiteral("refused 404"))), QStringLiteral("info http://host/app/ws"));
        QVERIFY(plan.rememberedRefused());
        QCOMPARE(describe(apply(plan, QStringLiteral("info 404"))), QStringLiteral("websocket ws://host/app/ws"));
        QCOMPARE(plan.explanation(),
                 QStringLiteral("auto: what worked before was refused with 404; /info returned 404"));
    }
}

void tst_TransportPlan::rememberedChoiceSurvivesAnUnreachableServer()
{
    const QUrl url(QStringLiteral("ws://host/ws"));
    TransportPlan plan(url, TransportMode::Auto, TransportChoice {TransportMode::WebSocket, url, QString()});
    plan.start();
    QCOMPARE(describe(apply(plan, QStringLiteral("unreachable"))), QStringLiteral("fail"));
    QVERIFY(!plan.rememberedRefused()); // a server that is down has not changed: keep what worked
    QCOMPARE(plan.failureError(), TransportError::Unreachable);
}

void tst_TransportPlan::rememberedHttpTransportComesFirst()
{
    const QUrl url(QStringLiteral("http://host/app/ws"));
    TransportChoice remembered {TransportMode::SockJs, url, QStringLiteral("auto: /info says websocket:false"),
                                SockJsFlavour::XhrStreaming};
    {
        TransportPlan plan(url, TransportMode::Auto, remembered);
        QCOMPARE(describe(plan.start()), QStringLiteral("xhr-streaming http://host/app/ws"));
        QCOMPARE(plan.explanation(), QStringLiteral("auto, remembered: /info says websocket:false"));
        QCOMPARE(plan.choice().flavour, SockJsFlavour::XhrStreaming);
    }
    {
        // The server turned streaming off: explored again from /info.
        TransportPlan plan(url, TransportMode::Auto, remembered);
        plan.start();
        QCOMPARE(describe(apply(plan, QStringLiteral("refused 404"))), QStringLiteral("info http://host/app/ws"));
        QVERIFY(plan.rememberedRefused());
        QCOMPARE(describe(apply(plan, QStringLiteral("info ws=true"))),
                 QStringLiteral("websocket ws://host/app/ws/websocket"));
    }
}

void tst_TransportPlan::modeNamesRoundTrip()
{
    for (TransportMode mode : {TransportMode::Auto, TransportMode::WebSocket, TransportMode::SockJs}) {
        TransportMode parsed = TransportMode::Auto;
        QVERIFY(parseTransportMode(transportModeName(mode), &parsed));
        QCOMPARE(parsed, mode);
    }
    TransportMode parsed = TransportMode::WebSocket;
    QVERIFY(!parseTransportMode(u"long-polling", &parsed));
    QCOMPARE(parsed, TransportMode::WebSocket);
}

void tst_TransportPlan::selectorKeepsModesAndMemoryPerUrl()
{
    TransportSelector selector;
    const QUrl spring(QStringLiteral("http://host/main2/ws"));
    const QUrl rabbit(QStringLiteral("ws://host:15674/ws"));
    QCOMPARE(selector.mode(spring), TransportMode::Auto);
    selector.setMode(spring, TransportMode::SockJs);
    QCOMPARE(selector.mode(QUrl(QStringLiteral("http://host/main2/ws/"))), TransportMode::SockJs); // trailing slash
    QCOMPARE(selector.mode(rabbit), TransportMode::Auto);
    selector.setDefaultMode(TransportMode::WebSocket);
    QCOMPARE(selector.mode(rabbit), TransportMode::WebSocket);

    QVERIFY(!selector.remembered(rabbit));
    selector.remember(rabbit, {TransportMode::WebSocket, rabbit, QStringLiteral("auto: accepted")});
    QVERIFY(selector.remembered(rabbit));
    QCOMPARE(selector.remembered(rabbit)->url, rabbit);
    QVERIFY(!selector.remembered(spring));
    selector.forget(rabbit);
    QVERIFY(!selector.remembered(rabbit));
    QVERIFY(selector.networkAccessManager());
}

void tst_TransportPlan::selectorCreatesTransportsThatReportAsynchronously()
{
    TransportSelector selector;
    const auto factory = selector.factory();
    std::unique_ptr<Transport> transport = factory(QUrl(QStringLiteral("ftp://host/x")));
    QVERIFY(transport);
    QVERIFY(qobject_cast<AutoTransport *>(transport.get()));
    bool failed = false;
    QString reason;
    connect(transport.get(), &Transport::failed, this, [&](TransportError, const QString &why) {
        failed = true;
        reason = why;
    });
    transport->open(QUrl(QStringLiteral("ftp://host/x")), {});
    QVERIFY(!failed); // never synchronously
    QTRY_VERIFY(failed);
    QVERIFY2(reason.contains(QLatin1String("not a server URL")), qPrintable(reason));
}

QTEST_GUILESS_MAIN(tst_TransportPlan)
#include "tst_transportplan.moc"
