#include "settings/ConnectionPage.h"

#include "settings/StringListEditor.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

ConnectionPage::ConnectionPage(const Settings &settings, QWidget *parent)
    : SettingsPage(settings, parent)
{
    // The form is in place before its fields are made, so that they join the page in order (the tab order).
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);
    m_form = form;

    m_serverUrls = new StringListEditor(this);
    m_serverUrls->setObjectName(QStringLiteral("serverUrls"));
    m_serverUrls->setPlaceholderText(QStringLiteral("wss://push.example.com/ws"));
    m_serverUrls->setFieldName(tr("Server URLs"));
    addField(form, tr("&Server URLs:"), m_serverUrls, Settings::Key::ServerUrls,
             tr("The push endpoints, tried in this order: ws:// or wss:// (STOMP over WebSocket, a plain WebSocket "
                "or Socket.IO), http:// or https:// (a SockJS endpoint, Server-Sent Events or Socket.IO), stomp:// "
                "or stomp+ssl:// (a broker's STOMP port)."));

    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocol"));
    for (const QString &protocol : Settings::protocols())
        m_protocol->addItem(protocolLabel(protocol), protocol);
    addField(form, tr("P&rotocol:"), m_protocol, Settings::Key::Protocol,
             tr("What the server speaks. STOMP is what RabbitMQ, ActiveMQ and Spring speak; a plain WebSocket pushes "
                "JSON text of its own; Server-Sent Events come down one long HTTP response; Socket.IO 4 is what a "
                "socket.io server speaks."));

    m_transport = new QComboBox(this);
    m_transport->setObjectName(QStringLiteral("transport"));
    m_transport->addItem(tr("Automatic (WebSocket or SockJS)"), QStringLiteral("auto"));
    m_transport->addItem(tr("WebSocket"), QStringLiteral("websocket"));
    m_transport->addItem(tr("SockJS"), QStringLiteral("sockjs"));
    addField(form, tr("&Transport:"), m_transport, Settings::Key::Transport,
             tr("Automatic finds out whether a URL is a plain STOMP WebSocket endpoint or a SockJS endpoint."));

    m_destinations = new StringListEditor(this);
    m_destinations->setObjectName(QStringLiteral("destinations"));
    m_destinations->setPlaceholderText(QStringLiteral("/user/topic/all"));
    m_destinations->setFieldName(tr("Destinations"));
    addField(form, tr("&Destinations:"), m_destinations, Settings::Key::Destinations,
             tr("The STOMP destinations to subscribe to, e.g. /user/topic/all or /exchange/FanoutDemandExchange."));

    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("not sent when empty"));
    addField(form, tr("Virtual &host:"), m_host, Settings::Key::Host,
             tr("The STOMP host header; for RabbitMQ the virtual host, e.g. /."));

    m_events = new StringListEditor(this);
    m_events->setObjectName(QStringLiteral("events"));
    m_events->setPlaceholderText(QStringLiteral("todo"));
    m_events->setFieldName(tr("Events"));
    addField(
        form, tr("E&vents:"), m_events, Settings::Key::Events,
        tr("The events that carry todos: Server-Sent Events types or Socket.IO event names. Empty: the Server-Sent "
           "Events without a type (\"message\"), and every Socket.IO event."));

    m_namespace = new QLineEdit(this);
    m_namespace->setObjectName(QStringLiteral("namespace"));
    m_namespace->setPlaceholderText(tr("empty: the URL's path"));
    addField(form, tr("&Namespace:"), m_namespace, Settings::Key::Namespace,
             tr("The Socket.IO namespace to join, e.g. /admin. Empty: the path of the server URL (/ for none)."));

    m_login = new QLineEdit(this);
    m_login->setObjectName(QStringLiteral("login"));
    addField(form, tr("&Login:"), m_login, Settings::Key::Login, tr("The STOMP login (user name)."));

    m_passcode = new QLineEdit(this);
    m_passcode->setObjectName(QStringLiteral("passcode"));
    m_passcode->setEchoMode(QLineEdit::Password);
    addField(form, tr("&Passcode:"), m_passcode, std::nullopt,
             tr("The STOMP passcode (password). It is kept in the keychain, never in the settings file."));

    m_durable = new QCheckBox(tr("D&urable subscription (the broker keeps todos while this computer is off)"), this);
    m_durable->setObjectName(QStringLiteral("durable"));
    addField(form, QString(), m_durable, Settings::Key::DurableSubscription,
             tr("Asks the broker for a subscription that outlives the connection (RabbitMQ, ActiveMQ)."));

    m_openMessage = new QLineEdit(this);
    m_openMessage->setObjectName(QStringLiteral("openMessage"));
    m_openMessage->setPlaceholderText(QStringLiteral(R"({"clientId":"{clientId}"})"));
    addField(form, tr("&Open message:"), m_openMessage, Settings::Key::OpenMessage,
             tr("Sent after every connect, for servers that push only to clients that said who they are. {login} "
                "and {clientId} (the same for this computer every time) are filled in. Empty: nothing is sent."));

    m_keepAliveMessage = new QLineEdit(this);
    m_keepAliveMessage->setObjectName(QStringLiteral("keepAliveMessage"));
    m_keepAliveMessage->setPlaceholderText(QStringLiteral(R"({"keepalive":"live"})"));
    addField(form, tr("&Keep-alive message:"), m_keepAliveMessage, Settings::Key::KeepAliveMessage,
             tr("Sent regularly so that the server (and proxies) keep the connection open; its replies, and "
                "anything else the server sends, show that the connection is alive."));

    m_keepAliveInterval = new QLineEdit(this);
    m_keepAliveInterval->setObjectName(QStringLiteral("keepAliveInterval"));
    m_keepAliveInterval->setValidator(new QIntValidator(0, 3600000, m_keepAliveInterval));
    addField(form, tr("Keep-alive &every:"), m_keepAliveInterval, Settings::Key::KeepAliveIntervalMs,
             tr("0: no keep-alive. Three intervals without anything from the server count as a lost connection."),
             tr("ms"));

    auto *testBox = new QGroupBox(tr("Check these settings"), this);
    m_testButton = new QPushButton(tr("&Test connection"), testBox);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAutoDefault(false);
    m_testButton->setToolTip(tr("Connect and subscribe with the values on screen, without saving them"));
    m_cancelTestButton = new QPushButton(tr("Cancel test"), testBox);
    m_cancelTestButton->setObjectName(QStringLiteral("cancelTestButton"));
    m_cancelTestButton->setAutoDefault(false);
    m_testResult = new QLabel(testBox);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_testResult->setAccessibleName(tr("Connection test result"));
    m_testResult->setMinimumHeight(m_testResult->fontMetrics().height() * 2);
    auto *testButtons = new QHBoxLayout;
    testButtons->addWidget(m_testButton);
    testButtons->addWidget(m_cancelTestButton);
    testButtons->addStretch();
    auto *testLayout = new QVBoxLayout(testBox);
    testLayout->addLayout(testButtons);
    testLayout->addWidget(m_testResult);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionPage::testRequested);
    connect(m_cancelTestButton, &QPushButton::clicked, this, &ConnectionPage::testCancelRequested);

    layout->addWidget(testBox);
    layout->addStretch();

    // Every change is validated; a test result goes when what it tested changes (the passcode is not validated).
    for (StringListEditor *editor : {m_serverUrls, m_destinations, m_events})
        connect(editor, &StringListEditor::changed, this, &SettingsPage::changed);
    for (QLineEdit *edit : {m_host, m_login, m_openMessage, m_keepAliveMessage, m_keepAliveInterval, m_namespace})
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::changed);
    for (QComboBox *box : {m_protocol, m_transport})
        connect(box, &QComboBox::currentIndexChanged, this, &SettingsPage::changed);
    for (StringListEditor *editor : {m_serverUrls, m_destinations, m_events})
        connect(editor, &StringListEditor::changed, this, &SettingsPage::testedValueEdited);
    for (QLineEdit *edit :
         {m_host, m_login, m_passcode, m_openMessage, m_keepAliveMessage, m_keepAliveInterval, m_namespace})
        connect(edit, &QLineEdit::textEdited, this, &SettingsPage::testedValueEdited);
    for (QComboBox *box : {m_protocol, m_transport})
        connect(box, &QComboBox::currentIndexChanged, this, &SettingsPage::testedValueEdited);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &ConnectionPage::showProtocolFields);
    showProtocolFields();
}

ConnectionPage::~ConnectionPage() = default;

void ConnectionPage::load(const Settings &settings)
{
    using Key = Settings::Key;
    m_serverUrls->setEntries(settings.value(Key::ServerUrls).toStringList());
    m_protocol->setCurrentIndex(qMax(0, m_protocol->findData(settings.get<QString>(Key::Protocol))));
    m_transport->setCurrentIndex(qMax(0, m_transport->findData(settings.value(Key::Transport).toString())));
    m_destinations->setEntries(settings.get<QStringList>(Key::Destinations));
    m_events->setEntries(settings.get<QStringList>(Key::Events));
    m_namespace->setText(settings.get<QString>(Key::Namespace));
    m_host->setText(settings.get<QString>(Key::Host));
    m_login->setText(settings.get<QString>(Key::Login));
    m_durable->setChecked(settings.get<bool>(Key::DurableSubscription));
    m_openMessage->setText(settings.get<QString>(Key::OpenMessage));
    m_keepAliveMessage->setText(settings.get<QString>(Key::KeepAliveMessage));
    m_keepAliveInterval->setText(QString::number(settings.get<int>(Key::KeepAliveIntervalMs)));
    showProtocolFields();
}

void ConnectionPage::write(Settings &settings)
{
    using Key = Settings::Key;
    store(settings, Key::ServerUrls, normalisedUrls(m_serverUrls->entries()));
    store(settings, Key::Protocol, m_protocol->currentData().toString());
    store(settings, Key::Transport, m_transport->currentData().toString());
    store(settings, Key::Destinations, m_destinations->entries());
    store(settings, Key::Events, m_events->entries());
    store(settings, Key::Namespace, m_namespace->text());
    store(settings, Key::Host, m_host->text().trimmed());
    store(settings, Key::Login, m_login->text());
    store(settings, Key::DurableSubscription, m_durable->isChecked());
    store(settings, Key::OpenMessage, m_openMessage->text());
    store(settings, Key::KeepAliveMessage, m_keepAliveMessage->text());
    store(settings, Key::KeepAliveIntervalMs, m_keepAliveInterval->text().toInt());
}

QHash<QWidget *, QString> ConnectionPage::errors() const
{
    QHash<QWidget *, QString> errors;
    errors.insert(m_serverUrls, Settings::validateServerUrls(m_serverUrls->entries()));
    const QStringList destinations = m_destinations->entries();
    QString destinationError = destinations.isEmpty() ? Settings::validateDestination({}) : QString();
    for (const QString &destination : destinations) {
        if (destinationError.isEmpty())
            destinationError = Settings::validateDestination(destination);
    }
    // Only the protocol chosen needs its fields: a plain WebSocket has no destinations.
    const bool automatic = m_protocol->currentData().toString() == QLatin1String("auto");
    errors.insert(m_destinations, speaksStomp() && !automatic ? destinationError : QString());
    const int interval = m_keepAliveInterval->text().toInt();
    QString keepAliveError = Settings::validateKeepAliveInterval(interval);
    if (keepAliveError.isEmpty() && interval > 0 && m_keepAliveMessage->text().isEmpty())
        keepAliveError = tr("Enter the keep-alive message to send, or 0 for none.");
    errors.insert(m_keepAliveInterval, speaksJsonWebSocket() ? keepAliveError : QString());
    QString eventError;
    for (const QString &name : m_events->entries()) {
        if (eventError.isEmpty())
            eventError = Settings::validateEventName(name);
    }
    errors.insert(m_events, speaksEvents() ? eventError : QString());
    errors.insert(m_namespace, speaksSocketIo() ? Settings::validateNamespace(m_namespace->text()) : QString());
    return errors;
}

bool ConnectionPage::testedValuesValid() const
{
    return error(m_serverUrls).isEmpty() && error(m_destinations).isEmpty() && error(m_keepAliveInterval).isEmpty()
        && error(m_events).isEmpty() && error(m_namespace).isEmpty();
}

// Automatic may find either: both sets of fields apply then.
bool ConnectionPage::speaksStomp() const
{
    const QString protocol = m_protocol->currentData().toString();
    return protocol == QLatin1String("stomp") || protocol == QLatin1String("sockjs")
        || protocol == QLatin1String("auto");
}

bool ConnectionPage::speaksJsonWebSocket() const
{
    const QString protocol = m_protocol->currentData().toString();
    return protocol == QLatin1String("json-ws") || protocol == QLatin1String("auto");
}

// Automatic may find either: the events apply to both.
bool ConnectionPage::speaksEvents() const
{
    const QString protocol = m_protocol->currentData().toString();
    return protocol == QLatin1String("sse") || protocol == QLatin1String("socketio")
        || protocol == QLatin1String("auto");
}

bool ConnectionPage::speaksSocketIo() const
{
    const QString protocol = m_protocol->currentData().toString();
    return protocol == QLatin1String("socketio") || protocol == QLatin1String("auto");
}

QString ConnectionPage::eventsEmptyText() const
{
    const QString protocol = m_protocol->currentData().toString();
    if (protocol == QLatin1String("sse"))
        return tr("Empty: the events without a type (\"message\" events).");
    if (protocol == QLatin1String("socketio"))
        return tr("Empty: every event.");
    return tr("Empty: Server-Sent Events without a type (\"message\" events), every Socket.IO event.");
}

QString ConnectionPage::protocolLabel(const QString &protocol)
{
    if (protocol == QLatin1String("auto"))
        return tr("Automatic (find out what the server speaks)");
    if (protocol == QLatin1String("stomp"))
        return tr("STOMP (WebSocket, SockJS or a broker's STOMP port)");
    if (protocol == QLatin1String("sockjs"))
        return tr("STOMP over SockJS");
    if (protocol == QLatin1String("json-ws"))
        return tr("Plain WebSocket with JSON");
    if (protocol == QLatin1String("sse"))
        return tr("Server-Sent Events (text/event-stream)");
    if (protocol == QLatin1String("socketio"))
        return tr("Socket.IO 4");
    return protocol; // one added to Settings::protocols() without a label yet: still choosable
}

void ConnectionPage::showProtocolFields()
{
    // Each field's row is its message line's parent (SettingsPage::addField()).
    auto show = [this](QWidget *field, bool visible) {
        const QString name = field->objectName() + QStringLiteral("Message");
        if (auto *message = findChild<QLabel *>(name))
            m_form->setRowVisible(message->parentWidget(), visible);
    };
    const bool stomp = speaksStomp();
    const bool plain = speaksJsonWebSocket();
    const QString protocol = m_protocol->currentData().toString();
    show(m_transport, protocol == QLatin1String("stomp") || protocol == QLatin1String("auto"));
    for (QWidget *field : std::initializer_list<QWidget *> {m_destinations, m_host, m_durable})
        show(field, stomp);
    for (QWidget *field : std::initializer_list<QWidget *> {m_openMessage, m_keepAliveMessage, m_keepAliveInterval})
        show(field, plain);
    show(m_events, speaksEvents());
    show(m_namespace, speaksSocketIo());
    m_events->setEmptyText(eventsEmptyText());
}

std::optional<QVariant> ConnectionPage::testedValue(Settings::Key key) const
{
    using Key = Settings::Key;
    switch (key) {
    case Key::ServerUrls:
        return m_serverUrls->entries();
    case Key::Protocol:
        return m_protocol->currentData().toString();
    case Key::OpenMessage:
        return m_openMessage->text();
    case Key::KeepAliveMessage:
        return m_keepAliveMessage->text();
    case Key::KeepAliveIntervalMs:
        return m_keepAliveInterval->text().toInt();
    case Key::Transport:
        return m_transport->currentData().toString();
    case Key::Destinations:
        return m_destinations->entries();
    case Key::Events:
        return m_events->entries();
    case Key::Namespace:
        return m_namespace->text();
    case Key::Host:
        return m_host->text().trimmed();
    case Key::Login:
        return m_login->text();
    default:
        return std::nullopt;
    }
}

// ---- for the dialog -------------------------------------------------------------------------------------------

QStringList ConnectionPage::serverUrls() const
{
    return m_serverUrls->entries();
}

QString ConnectionPage::login() const
{
    return m_login->text();
}

QString ConnectionPage::passcode() const
{
    return m_passcode->text();
}

void ConnectionPage::setPasscodeReading()
{
    m_passcode->setEnabled(false);
    m_passcode->setPlaceholderText(tr("Reading the keychain…"));
}

void ConnectionPage::setPasscode(const QString &passcode)
{
    m_passcode->setText(passcode);
    m_passcode->setPlaceholderText({});
    m_passcode->setEnabled(true);
}

void ConnectionPage::showPasscodeError(const QString &message)
{
    setMessage(m_passcode, message);
}

void ConnectionPage::focusServerUrls()
{
    m_serverUrls->listWidget()->setFocus();
}

void ConnectionPage::setTestButtonsEnabled(bool test, bool cancel)
{
    m_testButton->setEnabled(test);
    m_cancelTestButton->setEnabled(cancel);
}

void ConnectionPage::showTestStarted()
{
    setTextColor(m_testResult, palette().color(QPalette::WindowText));
    m_testResult->clear();
}

void ConnectionPage::showTestProgress(const QUrl &url, ConnectionCheck::Stage stage)
{
    const QString where = url.toDisplayString(QUrl::RemoveUserInfo);
    m_testResult->setText(stage == ConnectionCheck::Stage::Connecting ? tr("Connecting to %1…").arg(where)
                                                                      : tr("Connected to %1; checking…").arg(where));
}

void ConnectionPage::showTestResults(const QList<ConnectionCheck::Result> &results)
{
    QStringList lines;
    bool allOk = !results.isEmpty();
    for (const ConnectionCheck::Result &result : results) {
        const QString text = describe(result);
        lines.append(results.size() > 1 ? tr("%1: %2").arg(result.url.toDisplayString(QUrl::RemoveUserInfo), text)
                                        : text);
        allOk = allOk && result.ok;
    }
    if (results.isEmpty())
        lines.append(tr("There is no server URL to test."));
    showTestResult(lines.join(QLatin1Char('\n')), allOk ? successColor() : errorColor());
}

void ConnectionPage::showTestCancelled()
{
    showTestResult(tr("Test cancelled."), palette().color(QPalette::WindowText));
}

void ConnectionPage::clearTestResult()
{
    m_testResult->clear();
}

void ConnectionPage::showTestResult(const QString &text, const QColor &color)
{
    setTextColor(m_testResult, color);
    m_testResult->setText(text);
}

QString ConnectionPage::describe(const ConnectionCheck::Result &result) const
{
    if (result.ok) {
        QString text = tr("It works: %1.").arg(result.description);
        if (!result.verified.isEmpty())
            text += QLatin1Char(' ') + result.verified;
        if (!result.session.server.isEmpty())
            text += QLatin1Char(' ') + tr("Server: %1.").arg(result.session.server);
        return text;
    }
    const QString detail =
        result.error.message.isEmpty() ? PushError::kindName(result.error.kind) : result.error.message;
    QString reason;
    switch (result.error.kind) {
    case PushError::Kind::Unreachable:
        reason = tr("Unreachable: %1").arg(detail);
        break;
    case PushError::Kind::HandshakeRefused:
        reason = tr("The handshake was refused: %1").arg(detail);
        break;
    case PushError::Kind::PathNotFound:
        reason = tr("Nothing at this address: %1").arg(detail);
        break;
    case PushError::Kind::AuthFailed:
        reason = tr("Authentication failed. The server said: %1").arg(detail);
        break;
    case PushError::Kind::ServerError:
        reason = tr("Server error: %1").arg(detail);
        break;
    case PushError::Kind::SubscriptionRefused:
        reason = tr("The server refused the subscription: %1").arg(detail);
        break;
    case PushError::Kind::NotThisProtocol:
        reason = tr("Protocol error: %1").arg(detail);
        break;
    case PushError::Kind::Timeout:
        reason = tr("No answer in time: %1").arg(detail);
        break;
    case PushError::Kind::Tls:
        reason = tr("Secure connection (TLS) failed: %1").arg(detail);
        break;
    case PushError::Kind::None:
    case PushError::Kind::HeartbeatLost:
    case PushError::Kind::ConnectionLost:
        reason = tr("The connection was lost: %1").arg(detail);
        break;
    }
    if (result.connected)
        return tr("Connected with %1, but the test failed after connecting. %2").arg(result.description, reason);
    return reason;
}
