// LinkPolicy: which URL a todo opens and whether it may. The fragment of a handlerUrl (route + query with raw
// non-ASCII text) must reach the browser byte for byte as a browser serialises it (WHATWG URL rules), only
// http/https are opened, and other origins only from the allowlist; refusals say why.
#include "todo/LinkPolicy.h"
#include "todo/PayloadParser.h"

#include <QTest>

namespace {

const QUrl kWebBase(QStringLiteral("http://oa.example.com:8080/"));

} // namespace

class tst_LinkPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void fieldLinksAreExactInQUrl();
    void webBaseFromPushUrl_data();
    void webBaseFromPushUrl();
    void pendingUrlIsTheFallback();
    void relativeLinkWithoutWebBase();
    void webBaseWithPath();
};

void tst_LinkPolicy::resolve_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QByteArray>("encoded"); // what the browser must receive; empty when refused
    QTest::addColumn<bool>("exactInQUrl");
    QTest::addColumn<QString>("reason"); // part of the refusal

    // The seed's handlerUrl shape: raw Chinese in the fragment's query.
    QTest::newRow("seed handlerUrl")
        << QStringLiteral("/service/assets/index.html#/project/change-project-todo?id=1791022789439037441"
                          "&pendingId=88&itemname=项目主管&wfid=wf12345678")
        << QByteArray("http://oa.example.com:8080/service/assets/index.html#/project/change-project-todo"
                      "?id=1791022789439037441&pendingId=88&itemname=%E9%A1%B9%E7%9B%AE%E4%B8%BB%E7%AE%A1"
                      "&wfid=wf12345678")
        << true << QString();
    QTest::newRow("encoded space and ampersand stay encoded")
        << QStringLiteral("/app#/r?itemname=Project%20lead&q=a%26b&x=a+b")
        << QByteArray("http://oa.example.com:8080/app#/r?itemname=Project%20lead&q=a%26b&x=a+b") << true << QString();
    QTest::newRow("already percent-encoded UTF-8 stays as it is")
        << QStringLiteral("/app#/r?itemname=%E9%A1%B9%E7%9B%AE")
        << QByteArray("http://oa.example.com:8080/app#/r?itemname=%E9%A1%B9%E7%9B%AE") << true << QString();
    QTest::newRow("space, quote, angle brackets, backtick in the fragment")
        << QStringLiteral("/app#/r?q=a b\"<c>`") << QByteArray("http://oa.example.com:8080/app#/r?q=a%20b%22%3Cc%3E%60")
        << true << QString();
    // Where QUrl would change the bytes (it decodes %41, upper-cases %e9, encodes '{' and a second '#'): the
    // encoded form is still what a browser has; exactInQUrl says QUrl cannot carry it.
    QTest::newRow("unreserved escape %41 kept")
        << QStringLiteral("/app#/r?x=%41") << QByteArray("http://oa.example.com:8080/app#/r?x=%41") << false
        << QString();
    QTest::newRow("lower-case escape kept")
        << QStringLiteral("/app#/r?x=%e9%a1%b9") << QByteArray("http://oa.example.com:8080/app#/r?x=%e9%a1%b9") << false
        << QString();
    QTest::newRow("second hash and braces kept")
        << QStringLiteral("/app#/r?x={1}|2#3") << QByteArray("http://oa.example.com:8080/app#/r?x={1}|2#3") << false
        << QString();
    QTest::newRow("invalid escape kept") << QStringLiteral("/app#/r?x=100%")
                                         << QByteArray("http://oa.example.com:8080/app#/r?x=100%") << false
                                         << QString();
    QTest::newRow("empty fragment") << QStringLiteral("/app#") << QByteArray("http://oa.example.com:8080/app#") << true
                                    << QString();
    QTest::newRow("no fragment, non-ASCII query")
        << QStringLiteral("/service/pending?name=项目")
        << QByteArray("http://oa.example.com:8080/service/pending?name=%E9%A1%"
                      "B9%E7%9B%AE")
        << true << QString();
    QTest::newRow("surrounding spaces and newlines")
        << QStringLiteral("  /app\n#/r?x=1\t ") << QByteArray("http://oa.example.com:8080/app#/r?x=1") << true
        << QString();
    QTest::newRow("absolute, same origin")
        << QStringLiteral("http://oa.example.com:8080/x#/y?z=主管")
        << QByteArray("http://oa.example.com:8080/x#/y?z=%E4%B8%BB%E7%AE%A1") << true << QString();
    QTest::newRow("absolute, same origin, upper-case host")
        << QStringLiteral("HTTP://OA.EXAMPLE.COM:8080/x") << QByteArray("http://oa.example.com:8080/x") << true
        << QString();
    QTest::newRow("allowlisted origin") << QStringLiteral("https://sso.example.com/login?next=%2Fapp")
                                        << QByteArray("https://sso.example.com/login?next=%2Fapp") << true << QString();
    QTest::newRow("allowlisted origin, explicit default port")
        << QStringLiteral("https://sso.example.com:443/x") << QByteArray("https://sso.example.com:443/x") << true
        << QString();

    QTest::newRow("other origin") << QStringLiteral("http://evil.example.net/phish") << QByteArray() << false
                                  << QStringLiteral("links to http://evil.example.net:80 are not opened");
    QTest::newRow("same host, other port") << QStringLiteral("http://oa.example.com:9090/x") << QByteArray() << false
                                           << QStringLiteral("http://oa.example.com:9090");
    QTest::newRow("same host, https") << QStringLiteral("https://oa.example.com:8080/x") << QByteArray() << false
                                      << QStringLiteral("https://oa.example.com:8080");
    QTest::newRow("protocol-relative to another host")
        << QStringLiteral("//evil.example.net/x") << QByteArray() << false << QStringLiteral("evil.example.net");
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(document.cookie)") << QByteArray() << false
                                << QStringLiteral("only http and https");
    QTest::newRow("javascript, obfuscated")
        << QStringLiteral(" JaVa\tScRiPt:alert(1)") << QByteArray() << false << QStringLiteral("only http and https");
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << QByteArray() << false
                          << QStringLiteral("\"file:\"");
    QTest::newRow("data") << QStringLiteral("data:text/html,<script>alert(1)</script>") << QByteArray() << false
                          << QStringLiteral("\"data:\"");
    QTest::newRow("custom scheme") << QStringLiteral("ms-settings:privacy") << QByteArray() << false
                                   << QStringLiteral("only http and https");
    QTest::newRow("user info") << QStringLiteral("http://admin:secret@oa.example.com:8080/x") << QByteArray() << false
                               << QStringLiteral("user name or password");
    QTest::newRow("no link") << QString() << QByteArray() << false << QStringLiteral("no link");
    QTest::newRow("only spaces") << QStringLiteral("   ") << QByteArray() << false << QStringLiteral("no link");
}

void tst_LinkPolicy::resolve()
{
    QFETCH(QString, link);
    QFETCH(QByteArray, encoded);
    QFETCH(bool, exactInQUrl);
    QFETCH(QString, reason);

    const LinkPolicy policy(kWebBase, {QUrl(QStringLiteral("https://sso.example.com/any/path"))});
    const LinkPolicy::Resolution resolution = policy.resolve(link);
    QCOMPARE(resolution.allowed, !encoded.isEmpty());
    QCOMPARE(resolution.encoded, encoded);
    if (encoded.isEmpty()) {
        QVERIFY2(resolution.reason.contains(reason), qPrintable(resolution.reason));
        QVERIFY(!resolution.url.isValid());
        return;
    }
    QVERIFY(resolution.reason.isEmpty());
    QVERIFY(resolution.url.isValid());
    QCOMPARE(resolution.exactInQUrl, exactInQUrl);
    QCOMPARE(resolution.url.toEncoded() == encoded, exactInQUrl);
    // The fragment the web app's router decodes is the one the server sent.
    QString cleaned = link.trimmed();
    cleaned.remove(QLatin1Char('\t'));
    cleaned.remove(QLatin1Char('\n'));
    const qsizetype hash = cleaned.indexOf(QLatin1Char('#'));
    if (hash >= 0 && exactInQUrl && !cleaned.contains(QLatin1Char('%')))
        QCOMPARE(resolution.url.fragment(QUrl::FullyDecoded), cleaned.mid(hash + 1));
}

void tst_LinkPolicy::fieldLinksAreExactInQUrl()
{
    // Every link the field's payloads carry survives QUrl unchanged, so QDesktopServices::openUrl(url) sends
    // exactly these bytes: the seed envelope's handlerUrl and pendingUrl, through the parser.
    const QByteArray body = QByteArrayLiteral(
        "{\"data\":{\"sysMsgList\":[{\"id\":\"1\",\"title\":\"t\",\"handlerUrl\":\"/service/assets/index.html#/project/"
        "change-project-todo?id=262392482820521984&pendingId=1791022789439037441&itemname=项目主管&wfid=wf00000001\","
        "\"metaData\":{\"pendingUrl\":\"/service/workflow/pending/detail?pendingId=1791022789439037441\"}}],"
        "\"sysMsgNums\":11}}");
    const Todo todo = PayloadParser().parse(body, "m").todos.value(0);
    const LinkPolicy policy(kWebBase);
    for (const QString &link : {todo.handlerUrl, todo.pendingUrl}) {
        const LinkPolicy::Resolution resolution = policy.resolve(link);
        QVERIFY2(resolution.allowed, qPrintable(resolution.reason));
        QVERIFY2(resolution.exactInQUrl, resolution.encoded.constData());
        QCOMPARE(resolution.url.toEncoded(), resolution.encoded);
        QCOMPARE(QUrl::fromEncoded(resolution.encoded, QUrl::StrictMode).toEncoded(), resolution.encoded);
    }
    const LinkPolicy::Resolution handler = policy.resolve(todo);
    QCOMPARE(handler.encoded,
             QByteArray("http://oa.example.com:8080/service/assets/index.html#/project/change-project-todo"
                        "?id=262392482820521984&pendingId=1791022789439037441"
                        "&itemname=%E9%A1%B9%E7%9B%AE%E4%B8%BB%E7%AE%A1&wfid=wf00000001"));
    QCOMPARE(handler.url.fragment(QUrl::FullyDecoded),
             QStringLiteral("/project/change-project-todo?id=262392482820521984&pendingId=1791022789439037441"
                            "&itemname=项目主管&wfid=wf00000001"));
}

void tst_LinkPolicy::webBaseFromPushUrl_data()
{
    QTest::addColumn<QUrl>("push");
    QTest::addColumn<QUrl>("webBase");
    QTest::newRow("RabbitMQ Web-STOMP") << QUrl(QStringLiteral("ws://mq.example.com:15674/ws"))
                                        << QUrl(QStringLiteral("http://mq.example.com:15674/"));
    QTest::newRow("wss default port") << QUrl(QStringLiteral("wss://oa.example.com/main2/ws"))
                                      << QUrl(QStringLiteral("https://oa.example.com/"));
    QTest::newRow("ws default port") << QUrl(QStringLiteral("ws://oa.example.com:80/ws"))
                                     << QUrl(QStringLiteral("http://oa.example.com/"));
    QTest::newRow("SockJS over http") << QUrl(QStringLiteral("http://oa.example.com:8080/main2/ws"))
                                      << QUrl(QStringLiteral("http://oa.example.com:8080/"));
    QTest::newRow("wss on 443 explicit") << QUrl(QStringLiteral("wss://oa.example.com:443/ws"))
                                         << QUrl(QStringLiteral("https://oa.example.com/"));
    QTest::newRow("not a push URL") << QUrl(QStringLiteral("ftp://oa.example.com/")) << QUrl();
}

void tst_LinkPolicy::webBaseFromPushUrl()
{
    QFETCH(QUrl, push);
    QFETCH(QUrl, webBase);
    QCOMPARE(LinkPolicy::webBaseForPushUrl(push), webBase);
}

void tst_LinkPolicy::pendingUrlIsTheFallback()
{
    Todo todo;
    todo.pendingUrl = QStringLiteral("/service/workflow/pending/detail?pendingId=7");
    const LinkPolicy policy(kWebBase);
    QCOMPARE(policy.resolve(todo).encoded,
             QByteArray("http://oa.example.com:8080/service/workflow/pending/detail?pendingId=7"));
    todo.handlerUrl = QStringLiteral("/app#/r");
    QCOMPARE(policy.resolve(todo).encoded, QByteArray("http://oa.example.com:8080/app#/r"));
    const LinkPolicy::Resolution none = policy.resolve(Todo());
    QVERIFY(!none.allowed);
    QVERIFY(none.reason.contains(QLatin1String("no link")));
}

void tst_LinkPolicy::relativeLinkWithoutWebBase()
{
    const LinkPolicy policy;
    const LinkPolicy::Resolution relative = policy.resolve(QStringLiteral("/app#/r"));
    QVERIFY(!relative.allowed);
    QVERIFY2(relative.reason.contains(QLatin1String("web base")), qPrintable(relative.reason));
    const LinkPolicy::Resolution absolute = policy.resolve(QStringLiteral("https://oa.example.com/app"));
    QVERIFY(!absolute.allowed);
    QVERIFY2(absolute.reason.contains(QLatin1String("not on the list of allowed sites")), qPrintable(absolute.reason));
    const LinkPolicy allowing(QUrl(), {QUrl(QStringLiteral("https://oa.example.com"))});
    QVERIFY(allowing.resolve(QStringLiteral("https://oa.example.com/app")).allowed);
}

void tst_LinkPolicy::webBaseWithPath()
{
    // A web application below a path: relative links resolve against it as a browser would.
    const LinkPolicy policy(QUrl(QStringLiteral("https://oa.example.com/main2/")));
    QCOMPARE(policy.resolve(QStringLiteral("service/x#/r")).encoded,
             QByteArray("https://oa.example.com/main2/service/x#/r"));
    QCOMPARE(policy.resolve(QStringLiteral("/service/x")).encoded, QByteArray("https://oa.example.com/service/x"));
    QCOMPARE(policy.resolve(QStringLiteral("../x")).encoded, QByteArray("https://oa.example.com/x"));
}

QTEST_GUILESS_MAIN(tst_LinkPolicy)
#include "tst_linkpolicy.moc"
