#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>

#include <utility>

// The STOMP protocol versions this project speaks.
enum class StompVersion { V1_0, V1_1, V1_2 };

QByteArray stompVersionName(StompVersion version); // "1.0", "1.1", "1.2"
// Parses "1.0"/"1.1"/"1.2"; returns false for anything else.
bool parseStompVersion(QByteArrayView text, StompVersion *version);

// One STOMP frame: a command, headers in wire order (repeats allowed, the first one wins on lookup)
// and a body of arbitrary bytes. Header names and values are stored unescaped.
struct StompFrame
{
    using Header = std::pair<QByteArray, QByteArray>;

    QByteArray command;
    QList<Header> headers;
    QByteArray body;

    StompFrame() = default;
    explicit StompFrame(QByteArray command, QList<Header> headers = {}, QByteArray body = {});

    // The value of the first header called `name`, or `defaultValue`.
    QByteArray header(QByteArrayView name, const QByteArray &defaultValue = {}) const;
    bool hasHeader(QByteArrayView name) const;
    // Replaces the first header called `name` (removing later repeats) or appends it.
    void setHeader(const QByteArray &name, const QByteArray &value);
    void addHeader(const QByteArray &name, const QByteArray &value);
    void removeHeader(QByteArrayView name);

    friend bool operator==(const StompFrame &a, const StompFrame &b)
    {
        return a.command == b.command && a.headers == b.headers && a.body == b.body;
    }
    friend bool operator!=(const StompFrame &a, const StompFrame &b) { return !(a == b); }
};

Q_DECLARE_METATYPE(StompFrame)
