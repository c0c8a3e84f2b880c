#include "todo/PayloadParser.h"

#include "base/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonValue>
#include <QVariant>

#include <cmath>
#include <limits>

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The body without surrounding whitespace (and without a UTF-8 byte order mark).
QByteArrayView trimmedBody(QByteArrayView body)
{
    if (body.startsWith("\xEF\xBB\xBF"))
        body = body.sliced(3);
    qsizetype begin = 0;
    qsizetype end = body.size();
    while (begin < end && isJsonSpace(body.at(begin)))
        ++begin;
    while (end > begin && isJsonSpace(body.at(end - 1)))
        --end;
    return body.sliced(begin, end - begin);
}

bool looksLikeJson(QStringView text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        return c == u'{' || c == u'[' || c == u'"';
    }
    return false;
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

// A JSON number as the text a person would write: integers exactly (ids are 19-digit numbers).
QString numberText(const QJsonValue &value)
{
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return QString::number(variant.toLongLong());
    const double number = value.toDouble();
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9007199254740992.0)
        return QString::number(qint64(number));
    return QString::number(number, 'g', 17);
}

QString contentKey(QByteArrayView content)
{
    return QStringLiteral("sha1:")
        + QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha1).toHex());
}

// Digits at text[pos, pos + count) as a number; -1 if any is not a digit.
int digitsAt(QStringView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text.at(pos + i).unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

QDateTime fromEpoch(double number)
{
    if (!std::isfinite(number) || number < 0)
        return {};
    // Epoch milliseconds; values that small are seconds (10^11 ms is March 1973, 10^11 s the year 5138).
    const double ms = number < 1e11 ? number * 1000.0 : number;
    constexpr double kLatestMs = 253402300799999.0; // 9999-12-31T23:59:59.999Z
    if (ms > kLatestMs)
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(ms), Qt::UTC);
}

// "yyyy-MM-dd[( |T)HH:mm[:ss[.zzz]]][Z|+HH:MM|+HHMM|+HH]" with "-" or "/" between the date parts. Without an
// offset the time is in `zone`. Invalid if the text is anything else.
QDateTime parseFieldTime(QStringView text, const QTimeZone &zone)
{
    const int year = digitsAt(text, 0, 4);
    if (year < 0 || text.size() < 10)
        return {};
    const QChar separator = text.at(4);
    if ((separator != u'-' && separator != u'/') || text.at(7) != separator)
        return {};
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    const QDate date(year, month, day);
    if (!date.isValid())
        return {};
    qsizetype pos = 10;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int msec = 0;
    if (pos < text.size() && (text.at(pos) == u' ' || text.at(pos) == u'T')) {
        hour = digitsAt(text, pos + 1, 2);
        if (hour < 0 || pos + 3 >= text.size() || text.at(pos + 3) != u':')
            return {};
        minute = digitsAt(text, pos + 4, 2);
        if (minute < 0)
            return {};
        pos += 6;
        if (pos < text.size() && text.at(pos) == u':') {
            second = digitsAt(text, pos + 1, 2);
            if (second < 0)
                return {};
            pos += 3;
            if (pos < text.size() && (text.at(pos) == u'.' || text.at(pos) == u',')) {
                ++pos;
                int digits = 0;
                while (pos < text.size() && text.at(pos).isDigit()) {
                    if (digits < 3)
                        msec = msec * 10 + text.at(pos).digitValue();
                    ++digits;
                    ++pos;
                }
                if (digits == 0)
                    return {};
                for (int i = digits; i < 3; ++i)
                    msec *= 10;
            }
        }
    }
    const QTime time(hour, minute, second, msec);
    if (!time.isValid())
        return {};
    if (pos == text.size())
        return QDateTime(date, time, zone).toUTC();
    // An offset.
    const QStringView rest = text.sliced(pos);
    if (rest == u"Z" || rest == u"z")
        return QDateTime(date, time, Qt::UTC);
    if (rest.at(0) != u'+' && rest.at(0) != u'-')
        return {};
    const int sign = rest.at(0) == u'-' ? -1 : 1;
    const int offsetHours = digitsAt(rest, 1, 2);
    int offsetMinutes = 0;
    if (offsetHours < 0 || offsetHours > 23)
        return {};
    if (rest.size() == 6 && rest.at(3) == u':')
        offsetMinutes = digitsAt(rest, 4, 2);
    else if (rest.size() == 5)
        offsetMinutes = digitsAt(rest, 3, 2);
    else if (rest.size() != 3)
        return {};
    if (offsetMinutes < 0 || offsetMinutes > 59)
        return {};
    const QDateTime result(date, time, QTimeZone(sign * (offsetHours * 3600 + offsetMinutes * 60)));
    return result.isValid() ? result.toUTC() : QDateTime();
}

const QLatin1String kKeepAliveKeys[] = {QLatin1String("keepalive"), QLatin1String("heartbeat"), QLatin1String("ping"),
                                        QLatin1String("pong")};

// {"keepalive":"live"}, {"heartbeat":...}, {"ping":...}: an object made only of keep-alive keys (and
// perhaps a timestamp).
bool isKeepAlive(const QJsonObject &object)
{
    if (object.isEmpty() || object.size() > 3)
        return false;
    bool sawKeepAlive = false;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key().toLower();
        bool known = false;
        for (const QLatin1String &name : kKeepAliveKeys) {
            if (key == name) {
                known = true;
                sawKeepAlive = true;
            }
        }
        if (!known && key != QLatin1String("timestamp") && key != QLatin1String("ts") && key != QLatin1String("time"))
            return false;
    }
    return sawKeepAlive;
}

// Fields that say a list is one page of a longer one. Compared without regard to case.
const QLatin1String kPagingKeys[] = {
    QLatin1String("page"),         QLatin1String("pageNo"),     QLatin1String("pageNum"),
    QLatin1String("pageNumber"),   QLatin1String("pageIndex"),  QLatin1String("pageSize"),
    QLatin1String("pages"),        QLatin1String("totalPages"), QLatin1String("currentPage"),
    QLatin1String("hasMore"),      QLatin1String("hasNext"),    QLatin1String("hasNextPage"),
    QLatin1String("isLastPage"),   QLatin1String("next"),       QLatin1String("nextPage"),
    QLatin1String("nextCursor"),   QLatin1String("cursor"),     QLatin1String("offset"),
    QLatin1String("limit"),        QLatin1String("start"),      QLatin1String("nextToken"),
    QLatin1String("continuation"),
};
// Totals: allowed only when they equal the list's size.
const QLatin1String kTotalKeys[] = {QLatin1String("total"), QLatin1String("totalCount"), QLatin1String("totalElements"),
                                    QLatin1String("totalSize"), QLatin1String("count")};

// Whether `object` carries a field that makes a list of `size` todos look like a page of a longer one.
bool looksPaged(const QJsonObject &object, qsizetype size)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        for (const QLatin1String &paging : kPagingKeys) {
            if (key.compare(paging, Qt::CaseInsensitive) == 0)
                return true;
        }
        for (const QLatin1String &total : kTotalKeys) {
            if (key.compare(total, Qt::CaseInsensitive) == 0 && !(it->isDouble() && it->toDouble() == double(size)))
                return true;
        }
    }
    return false;
}

bool isEnvelopeData(const QJsonObject &object)
{
    return object.contains(QLatin1String("sysMsgList")) || object.contains(QLatin1String("sysMsgNums"));
}

// The first `limit` UTF-16 code units of text, one fewer when the cut would split a surrogate pair (an emoji, a
// rare CJK character): a lone high surrogate would reach the notification and the store as U+FFFD.
QString cut(const QString &text, qsizetype limit)
{
    if (text.size() <= limit)
        return text;
    if (limit > 0 && text.at(limit - 1).isHighSurrogate() && text.at(limit).isLowSurrogate())
        --limit;
    return text.left(limit);
}

} // namespace

QString todoBatchKindName(TodoBatch::Kind kind)
{
    switch (kind) {
    case TodoBatch::Kind::Todos:
        return QStringLiteral("todos");
    case TodoBatch::Kind::KeepAlive:
        return QStringLiteral("keepalive");
    case TodoBatch::Kind::Empty:
        return QStringLiteral("empty");
    case TodoBatch::Kind::Ignored:
        return QStringLiteral("ignored");
    case TodoBatch::Kind::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

PayloadParser::PayloadParser(PayloadOptions options)
    : m_options(std::move(options))
{
    if (!m_options.serverTimeZone.isValid())
        m_options.serverTimeZone = QTimeZone::systemTimeZone();
}

int PayloadParser::jsonDepth(QByteArrayView json, int stopAbove)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest) {
                deepest = depth;
                if (deepest > stopAbove)
                    return deepest;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

QDateTime PayloadParser::parseTime(const QJsonValue &value, const QTimeZone &serverTimeZone)
{
    if (value.isDouble())
        return fromEpoch(value.toDouble());
    if (!value.isString())
        return {};
    const QString text = value.toString().trimmed();
    if (text.isEmpty() || text.size() > 64)
        return {};
    bool allDigits = true;
    for (const QChar c : text)
        allDigits = allDigits && c.isDigit() && c.unicode() < 128;
    if (allDigits)
        return text.size() <= 15 ? fromEpoch(text.toDouble()) : QDateTime();
    const QTimeZone zone = serverTimeZone.isValid() ? serverTimeZone : QTimeZone::systemTimeZone();
    QDateTime parsed = parseFieldTime(text, zone);
    if (parsed.isValid())
        return parsed;
    parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (parsed.isValid()) {
        if (parsed.timeSpec() == Qt::LocalTime)
            parsed = QDateTime(parsed.date(), parsed.time(), zone);
        return parsed.toUTC();
    }
    parsed = QDateTime::fromString(text, Qt::RFC2822Date);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

TodoBatch PayloadParser::parse(const QByteArray &body, const QByteArray &messageId) const
{
    TodoBatch batch;
    const PayloadLimits &limits = m_options.limits;
    if (body.size() > limits.maxBodyBytes) {
        batch.kind = TodoBatch::Kind::Invalid;
        batch.error =
            tr("body of %1 bytes is larger than the limit of %2 bytes").arg(body.size()).arg(limits.maxBodyBytes);
    } else {
        const QByteArrayView trimmed = trimmedBody(body);
        if (trimmed.isEmpty()) {
            batch.kind = TodoBatch::Kind::Empty;
        } else if (trimmed.front() == '{' || trimmed.front() == '[' || trimmed.front() == '"') {
            parseJson(trimmed.toByteArray(), messageId, 0, &batch);
        } else {
            if (!trimmed.isValidUtf8())
                note(&batch, tr("the text is not valid UTF-8; invalid bytes were replaced"));
            parseText(QString::fromUtf8(trimmed), messageId, &batch);
        }
    }

    if (batch.kind == TodoBatch::Kind::Invalid || batch.kind == TodoBatch::Kind::Ignored) {
        qCWarning(lcPayload).noquote() << "message" << QString::fromUtf8(messageId) << todoBatchKindName(batch.kind)
                                       << "-" << batch.error;
    }
    for (const QString &text : std::as_const(batch.notes))
        qCInfo(lcPayload).noquote() << "message" << QString::fromUtf8(messageId) << "-" << text;
    if (batch.droppedNotes > 0)
        qCInfo(lcPayload).noquote() << "message" << QString::fromUtf8(messageId) << "-" << batch.droppedNotes
                                    << "more notes";
    return batch;
}

void PayloadParser::parseJson(const QByteArray &json, const QByteArray &messageId, int layer, TodoBatch *batch) const
{
    const int maxDepth = m_options.limits.maxDepth;
    if (jsonDepth(json, maxDepth) > maxDepth) {
        batch->kind = TodoBatch::Kind::Invalid;
        batch->error = tr("JSON nested deeper than %1 levels").arg(maxDepth);
        return;
    }
    const bool isString = json.startsWith('"');
    QJsonParseError error;
    // QJsonDocument takes only objects and arrays: a top-level string is read as the element of an array.
    const QJsonDocument document =
        QJsonDocument::fromJson(isString ? QByteArray(QByteArray("[") + json + QByteArray("]")) : json, &error);
    if (error.error != QJsonParseError::NoError) {
        if (isString && layer == 0) {
            // Text that merely starts with a quote.
            if (!json.isValidUtf8())
                note(batch, tr("the text is not valid UTF-8; invalid bytes were replaced"));
            parseText(QString::fromUtf8(json), messageId, batch);
            return;
        }
        batch->kind = TodoBatch::Kind::Invalid;
        batch->error = tr("malformed JSON: %1 at byte %2")
                           .arg(error.errorString())
                           .arg(isString ? error.offset - 1 : error.offset);
        return;
    }
    if (isString)
        parseValue(document.array().at(0), messageId, layer, batch);
    else if (document.isObject())
        parseObject(document.object(), messageId, layer, batch);
    else
        parseValue(document.array(), messageId, layer, batch);
}

void PayloadParser::parseValue(const QJsonValue &value, const QByteArray &messageId, int layer, TodoBatch *batch) const
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        if (looksLikeJson(text)) {
            if (layer >= m_options.limits.maxDecodeLayers) {
                batch->kind = TodoBatch::Kind::Invalid;
                batch->error = tr("JSON encoded in a string more than %1 times").arg(m_options.limits.maxDecodeLayers);
                return;
            }
            batch->layers = layer + 1;
            const QByteArray inner = text.toUtf8();
            parseJson(trimmedBody(inner).toByteArray(), messageId, layer + 1, batch);
        } else {
            parseText(text, messageId, batch);
        }
        return;
    }
    case QJsonValue::Object:
        parseObject(value.toObject(), messageId, layer, batch);
        return;
    case QJsonValue::Array: {
        const QJsonArray list = value.toArray();
        parseList(list, messageId, batch);
        if (batch->todos.isEmpty() && !list.isEmpty()) {
            batch->kind = TodoBatch::Kind::Ignored;
            batch->error = tr("a list of %1 elements without a todo object").arg(list.size());
        } else {
            batch->kind = TodoBatch::Kind::Todos;
        }
        return;
    }
    default:
        batch->kind = TodoBatch::Kind::Ignored;
        batch->error = tr("a JSON value that is %1, not a todo").arg(typeName(value));
        return;
    }
}

void PayloadParser::parseObject(const QJsonObject &object, const QByteArray &messageId, int layer,
                                TodoBatch *batch) const
{
    if (isKeepAlive(object)) {
        batch->kind = TodoBatch::Kind::KeepAlive;
        return;
    }
    readRemovedIds(object, batch);
    const QJsonValue dataValue = object.value(QLatin1String("data"));
    QJsonObject data;
    if (dataValue.isObject() && isEnvelopeData(dataValue.toObject()))
        data = dataValue.toObject();
    else if (isEnvelopeData(object))
        data = object;

    if (!data.isEmpty()) {
        const QJsonValue count = data.value(QLatin1String("sysMsgNums"));
        if (count.isDouble() || count.isString()) {
            bool ok = count.isDouble();
            const double number = count.isDouble() ? count.toDouble() : count.toString().trimmed().toDouble(&ok);
            if (ok && std::isfinite(number) && number >= 0)
                batch->pendingCount = int(qMin(number, double(std::numeric_limits<int>::max())));
            else
                note(batch, tr("sysMsgNums \"%1\" is not a count; ignored").arg(count.toVariant().toString()));
        } else if (!count.isNull() && !count.isUndefined()) {
            note(batch, tr("sysMsgNums is %1, not a number; ignored").arg(typeName(count)));
        }
        const QJsonValue list = data.value(QLatin1String("sysMsgList"));
        if (list.isArray()) {
            const QJsonArray todos = list.toArray();
            parseList(todos, messageId, batch);
            // Conservative: the count must say the same as the list, every element must have become a todo and
            // nothing may hint at paging, in the envelope or around it.
            batch->completeList = batch->pendingCount == todos.size() && batch->todos.size() == todos.size()
                && !looksPaged(data, todos.size()) && (data == object || !looksPaged(object, todos.size()));
        } else if (list.isObject()) {
            note(batch, tr("sysMsgList is a single object, not a list"));
            parseList(QJsonArray {list}, messageId, batch);
        } else if (!list.isNull() && !list.isUndefined()) {
            note(batch, tr("sysMsgList is %1, not a list; ignored").arg(typeName(list)));
        }
        if (batch->todos.isEmpty() && !batch->hasPendingCount() && batch->removedIds.isEmpty()) {
            batch->kind = TodoBatch::Kind::Ignored;
            batch->error = tr("an envelope with neither todos nor a pending count");
        } else {
            batch->kind = TodoBatch::Kind::Todos;
        }
        return;
    }
    if (object.contains(QLatin1String("id")) || object.contains(QLatin1String("title"))) {
        const QString fallback = messageId.isEmpty() ? contentKey(QJsonDocument(object).toJson(QJsonDocument::Compact))
                                                     : QStringLiteral("msg:") + QString::fromUtf8(messageId);
        batch->todos.append(todoFromObject(object, fallback, batch));
        batch->kind = TodoBatch::Kind::Todos;
        return;
    }
    if (dataValue.isString() || dataValue.isArray() || dataValue.isObject()) {
        // {"data": "<JSON>"} or {"data": [todos]}: the envelope's payload in another shape.
        parseValue(dataValue, messageId, layer, batch);
        return;
    }
    if (!batch->removedIds.isEmpty()) {
        batch->kind = TodoBatch::Kind::Todos; // only says which todos were handled elsewhere
        return;
    }
    batch->kind = TodoBatch::Kind::Ignored;
    QStringList keys = object.keys();
    if (keys.size() > 8) {
        keys = keys.mid(0, 8);
        keys.append(QStringLiteral("..."));
    }
    batch->error = tr("a JSON object that is neither a todo, a list of todos nor an envelope (keys: %1)")
                       .arg(keys.join(QStringLiteral(", ")).left(200));
}

void PayloadParser::parseList(const QJsonArray &list, const QByteArray &messageId, TodoBatch *batch) const
{
    const int maxTodos = m_options.limits.maxTodos;
    const qsizetype size = list.size();
    for (qsizetype i = 0; i < size; ++i) {
        if (batch->todos.size() >= maxTodos) {
            note(batch, tr("only the first %1 todos of a list of %2 elements were taken").arg(maxTodos).arg(size));
            break;
        }
        const QJsonValue element = list.at(i);
        if (!element.isObject()) {
            note(batch, tr("list element %1 is %2, not a todo object; skipped").arg(i).arg(typeName(element)));
            continue;
        }
        const QJsonObject object = element.toObject();
        const QString fallback = messageId.isEmpty()
            ? contentKey(QJsonDocument(object).toJson(QJsonDocument::Compact))
            : QStringLiteral("msg:%1#%2").arg(QString::fromUtf8(messageId)).arg(i);
        batch->todos.append(todoFromObject(object, fallback, batch));
    }
}

void PayloadParser::parseText(const QString &text, const QByteArray &messageId, TodoBatch *batch) const
{
    const QString simplified = text.simplified();
    if (simplified.isEmpty()) {
        batch->kind = TodoBatch::Kind::Empty;
        return;
    }
    Todo todo;
    todo.kind = Todo::Kind::Text;
    todo.title = cut(simplified, m_options.limits.maxFieldLength);
    if (simplified.size() > todo.title.size())
        note(batch, tr("text of %1 characters cut to %2 for the title").arg(simplified.size()).arg(todo.title.size()));
    todo.source = QJsonObject {{QStringLiteral("text"), text}};
    if (!messageId.isEmpty()) {
        todo.key = QStringLiteral("msg:") + QString::fromUtf8(messageId);
    } else {
        todo.key = contentKey(text.toUtf8());
        note(batch, tr("a text body without message-id; keyed by its content"));
    }
    batch->todos.append(todo);
    batch->kind = TodoBatch::Kind::Todos;
}

void PayloadParser::readRemovedIds(const QJsonObject &object, TodoBatch *batch) const
{
    const QString &path = m_options.removedIdsField;
    if (path.isEmpty() || !batch->removedIds.isEmpty())
        return;
    QJsonValue value = object;
    for (const QStringView part : QStringView(path).split(u'.')) {
        if (!value.isObject())
            return;
        value = value.toObject().value(part);
    }
    const QJsonArray ids = value.isArray() ? value.toArray() : QJsonArray {value};
    for (const QJsonValue &id : ids) {
        if (batch->removedIds.size() >= m_options.limits.maxTodos)
            break;
        const QString text = id.isString() ? id.toString().trimmed() : id.isDouble() ? numberText(id) : QString();
        if (!text.isEmpty())
            batch->removedIds.append(text.left(256));
    }
}

void PayloadParser::note(TodoBatch *batch, const QString &text) const
{
    if (batch->notes.size() < m_options.limits.maxNotes)
        batch->notes.append(text);
    else
        ++batch->droppedNotes;
}

QString PayloadParser::boundedString(const QJsonValue &value, const QString &field, const QString &todoName,
                                     TodoBatch *batch) const
{
    QString text;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::String:
        text = value.toString();
        break;
    case QJsonValue::Double:
        text = numberText(value);
        break;
    case QJsonValue::Bool:
        note(batch, tr("todo %1: %2 is a boolean, read as text").arg(todoName, field));
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
    case QJsonValue::Object:
        note(batch, tr("todo %1: %2 is %3, not text; ignored").arg(todoName, field, typeName(value)));
        return {};
    }
    const qsizetype limit = m_options.limits.maxFieldLength;
    if (text.size() > limit) {
        note(batch, tr("todo %1: %2 of %3 characters cut to %4").arg(todoName, field).arg(text.size()).arg(limit));
        text = cut(text, limit);
    }
    return text;
}

Todo PayloadParser::todoFromObject(const QJsonObject &object, const QString &fallbackKey, TodoBatch *batch) const
{
    Todo todo;
    todo.kind = Todo::Kind::Json;
    todo.source = object;

    const QJsonValue idValue = object.value(QLatin1String("id"));
    todo.id = boundedString(idValue, QStringLiteral("id"), QStringLiteral("?"), batch).trimmed().left(256);
    const QString name = todo.id.isEmpty() ? fallbackKey : todo.id;
    if (todo.id.isEmpty()) {
        note(batch, tr("a todo without an id; keyed as %1").arg(fallbackKey));
        todo.key = fallbackKey;
    } else {
        todo.key = QStringLiteral("id:") + todo.id;
    }

    const QJsonObject meta = [&] {
        const QJsonValue value = object.value(QLatin1String("metaData"));
        if (!value.isObject() && !value.isNull() && !value.isUndefined())
            note(batch, tr("todo %1: metaData is %2, not an object; ignored").arg(name, typeName(value)));
        return value.toObject();
    }();

    const auto field = [&](const QJsonObject &from, const char *key) {
        return boundedString(from.value(QLatin1String(key)), QLatin1String(key), name, batch);
    };
    todo.title = field(object, "title").trimmed();
    todo.handlerUrl = field(object, "handlerUrl").trimmed();
    todo.userId = field(object, "userId");
    todo.pendingId = field(object, "pendingId");
    todo.ownerId = field(object, "ownerId");
    todo.ownerIdentityId = field(object, "ownerIdentityId");
    todo.urgencyText = field(meta, "urgencyText");
    todo.businessName = field(meta, "bname");
    todo.senderName = field(meta, "send_name");
    todo.senderDepartment = field(meta, "send_dept");
    todo.nodeName = field(meta, "node_name");
    todo.pendingUrl = field(meta, "pendingUrl").trimmed();

    if (todo.title.isEmpty()) {
        todo.title = !todo.businessName.isEmpty() ? todo.businessName : tr("Untitled todo");
        note(batch, tr("todo %1 has no title").arg(name));
    }

    const QJsonValue urgency = meta.value(QLatin1String("urgency"));
    if (urgency.isDouble() || urgency.isString()) {
        bool ok = urgency.isDouble();
        const double number = urgency.isDouble() ? urgency.toDouble() : urgency.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(number))
            todo.urgency = int(qBound(0.0, number, 9.0));
        else
            note(batch, tr("todo %1: urgency \"%2\" is not a number; taken as 0").arg(name, urgency.toString()));
    } else if (!urgency.isNull() && !urgency.isUndefined()) {
        note(batch, tr("todo %1: urgency is %2; taken as 0").arg(name, typeName(urgency)));
    }

    const QJsonValue time = object.value(QLatin1String("time"));
    if (time.isString())
        todo.timeText = time.toString().left(64);
    else if (time.isDouble())
        todo.timeText = numberText(time);
    if (!time.isNull() && !time.isUndefined()) {
        todo.time = parseTime(time, m_options.serverTimeZone);
        if (!todo.time.isValid())
            note(batch, tr("todo %1: time \"%2\" not understood").arg(name, todo.timeText.left(64)));
    }
    return todo;
}
