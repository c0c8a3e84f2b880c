#include "stomp/StompFrame.h"

#include <algorithm>

QByteArray stompVersionName(StompVersion version)
{
    switch (version) {
    case StompVersion::V1_0:
        return QByteArrayLiteral("1.0");
    case StompVersion::V1_1:
        return QByteArrayLiteral("1.1");
    case StompVersion::V1_2:
        break;
    }
    return QByteArrayLiteral("1.2");
}

bool parseStompVersion(QByteArrayView text, StompVersion *version)
{
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed == "1.0")
        *version = StompVersion::V1_0;
    else if (trimmed == "1.1")
        *version = StompVersion::V1_1;
    else if (trimmed == "1.2")
        *version = StompVersion::V1_2;
    else
        return false;
    return true;
}

StompFrame::StompFrame(QByteArray command, QList<Header> headers, QByteArray body)
    : command(std::move(command))
    , headers(std::move(headers))
    , body(std::move(body))
{ }

QByteArray StompFrame::header(QByteArrayView name, const QByteArray &defaultValue) const
{
    for (const Header &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return defaultValue;
}

bool StompFrame::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const Header &h) { return h.first == name; });
}

void StompFrame::setHeader(const QByteArray &name, const QByteArray &value)
{
    auto first = std::find_if(headers.begin(), headers.end(), [&name](const Header &h) { return h.first == name; });
    if (first == headers.end()) {
        headers.append({name, value});
        return;
    }
    first->second = value;
    const qsizetype firstIndex = first - headers.begin();
    headers.erase(std::remove_if(headers.begin() + firstIndex + 1, headers.end(),
                                 [&name](const Header &h) { return h.first == name; }),
                  headers.end());
}

void StompFrame::addHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
}

void StompFrame::removeHeader(QByteArrayView name)
{
    headers.erase(std::remove_if(headers.begin(), headers.end(), [name](const Header &h) { return h.first == name; }),
                  headers.end());
}
