// libFuzzer target for PayloadParser: MESSAGE bodies as they come off the wire.
//
// Input: byte 0 picks the limits (0xff: the defaults; anything else: small ones, so that every limit is reached),
// the rest is the body. The body is parsed twice (with and without a message-id), and these invariants must hold,
// or the fuzzer traps:
//  - the outcome does not depend on anything but the input (two parses agree);
//  - the limits hold: no more than maxTodos todos, maxNotes notes, maxFieldLength characters in a typed field;
//  - the kinds are consistent: refused and ignored bodies say why and carry no todos; keep-alives and empty
//    bodies carry no todos and no count; every todo has a key of a known form and a title;
//  - the pending count is -1 or a count.

#include "todo/PayloadParser.h"

#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

PayloadOptions optionsFor(uint8_t config)
{
    PayloadOptions options;
    options.serverTimeZone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    if (config == 0xff)
        return options;
    static const qsizetype bodySizes[] = {256, 4096, 65536, 4 * 1024 * 1024};
    static const int depths[] = {1, 3, 8, 32};
    static const int todoCounts[] = {1, 3, 10, 2000};
    static const int layers[] = {0, 1, 2, 3};
    options.limits.maxBodyBytes = bodySizes[config & 3];
    options.limits.maxDepth = depths[(config >> 2) & 3];
    options.limits.maxTodos = todoCounts[(config >> 4) & 3];
    options.limits.maxDecodeLayers = layers[(config >> 6) & 3];
    options.limits.maxFieldLength = 64;
    options.limits.maxNotes = 4;
    return options;
}

QStringList keys(const TodoBatch &batch)
{
    QStringList out;
    for (const Todo &todo : batch.todos)
        out.append(todo.key);
    return out;
}

void check(const TodoBatch &batch, const PayloadLimits &limits, qsizetype bodySize)
{
    require(batch.todos.size() <= limits.maxTodos);
    require(batch.notes.size() <= limits.maxNotes);
    require(batch.pendingCount >= -1);
    require(batch.layers >= 0 && batch.layers <= limits.maxDecodeLayers);
    switch (batch.kind) {
    case TodoBatch::Kind::Invalid:
    case TodoBatch::Kind::Ignored:
        require(!batch.error.isEmpty());
        require(batch.todos.isEmpty());
        require(!batch.isPayload());
        break;
    case TodoBatch::Kind::KeepAlive:
    case TodoBatch::Kind::Empty:
        require(batch.todos.isEmpty() && !batch.hasPendingCount() && !batch.isPayload());
        break;
    case TodoBatch::Kind::Todos:
        require(batch.isPayload());
        require(bodySize <= limits.maxBodyBytes);
        break;
    }
    for (const Todo &todo : batch.todos) {
        require(!todo.title.isEmpty());
        require(todo.key.startsWith(QLatin1String("id:")) || todo.key.startsWith(QLatin1String("msg:"))
                || todo.key.startsWith(QLatin1String("sha1:")));
        require(todo.key.startsWith(QLatin1String("id:")) == !todo.id.isEmpty());
        for (const QString *field :
             {&todo.title, &todo.handlerUrl, &todo.userId, &todo.ownerId, &todo.urgencyText, &todo.businessName,
              &todo.senderName, &todo.senderDepartment, &todo.nodeName, &todo.pendingUrl})
            require(field->size() <= limits.maxFieldLength);
        require(todo.urgency >= 0 && todo.urgency <= 9);
        require(!todo.time.isValid() || todo.time.timeSpec() == Qt::UTC);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("todo.*=false"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const PayloadOptions options = optionsFor(data[0]);
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const PayloadParser parser(options);

    const TodoBatch withId = parser.parse(body, "T_sub-0@@session-1@@1");
    check(withId, options.limits, body.size());
    const TodoBatch again = parser.parse(body, "T_sub-0@@session-1@@1");
    require(again.kind == withId.kind && keys(again) == keys(withId) && again.pendingCount == withId.pendingCount
            && again.notes == withId.notes && again.error == withId.error);

    const TodoBatch withoutId = parser.parse(body);
    check(withoutId, options.limits, body.size());
    require(withoutId.kind == withId.kind && withoutId.todos.size() == withId.todos.size()
            && withoutId.pendingCount == withId.pendingCount);
    return 0;
}
