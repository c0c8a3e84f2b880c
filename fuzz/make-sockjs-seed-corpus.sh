#!/bin/sh
# Writes the seed corpora of sockjs_framing_fuzzer (SockJS frames as Spring and sockjs-node send them; each file is
# <chunk limit byte><frame bytes>) and of sockjs_http_framing_fuzzer (receive bodies of the HTTP transports; each
# file is <chunking byte><frame size limit byte><body>). Run from anywhere; rewrites fuzz/corpus/sockjs_framing/ and
# fuzz/corpus/sockjs_http_framing/.
set -eu

out="$(cd "$(dirname "$0")" && pwd)/corpus/sockjs_framing"
mkdir -p "$out"
rm -f "$out"/*.sockjs

seed() { # name limit-byte printf-format
    printf "$2$3" > "$out/$1.sockjs"
}

seed open '\000' 'o'
seed heartbeat '\020' 'h\n'
seed spring-connected '\100' 'a["CONNECTED\\nversion:1.2\\nheart-beat:0,0\\nuser-name:alice\\n\\n\\u0000"]'
seed spring-message '\040' 'a["MESSAGE\\ndestination:/user/topic/all\\ncontent-type:application/json\\nsubscription:sub-0\\nmessage-id:1\\ncontent-length:47\\n\\n{\\"title\\":\\"\\u5f85\\u529e\\u901a\\u77e5\\",\\"sysMsgNums\\":11}\\u0000","\\n"]'
seed raw-utf8 '\014' 'a["待办通知:《变更申请》\\u0000"]'
seed surrogates '\012' 'a["\\ud83d\\ude00 \\ud83d lone \\ude00"]'
seed escapes '\013' 'a["\\"\\\\\\/\\b\\f\\n\\r\\t\\u2028"]'
seed close '\377' 'c[3000,"Go away!"]'
seed close-another '\021' 'c[2010,"Another connection still open"]'
seed single-message '\011' 'm"hello"'
seed empty-array '\001' 'a[]'
seed truncated '\007' 'a["MESSAGE\\n'
seed garbage '\005' '<html>502</html>'

# The HTTP transports: an xhr_streaming body (the 2048-byte prelude, frames each ending in "\n") or one poll.
out="$(cd "$(dirname "$0")" && pwd)/corpus/sockjs_http_framing"
mkdir -p "$out"
rm -f "$out"/*.sockjs
prelude=$(printf 'h%.0s' $(seq 2048))

http() { # name chunking-byte limit-byte printf-format
    printf "$2$3$4" > "$out/$1.sockjs"
}

http streaming-open '\000' '\000' "$prelude"'\no\n'
http streaming-session '\007' '\000' "$prelude"'\no\na["CONNECTED\\nversion:1.2\\nheart-beat:0,0\\n\\n\\u0000"]\nh\na["MESSAGE\\ndestination:/queue/todos\\nmessage-id:1\\nack:1\\n\\n{\\"title\\":\\"\\u5f85\\u529e\\"}\\u0000","\\n"]\nc[3000,"Go away!"]\n'
http streaming-byte-by-byte '\001' '\000' "$prelude"'\no\na["待办通知"]\nh\n'
http poll-open '\003' '\000' 'o\n'
http poll-heartbeat '\000' '\000' 'h\n'
http poll-messages-no-newline '\005' '\000' 'a["x","y"]'
http crlf-and-blank-lines '\011' '\000' '\r\no\r\n\n\nh\r\n'
http another-connection '\002' '\000' 'c[2010,"Another connection still open"]\n'
http small-limit '\013' '\004' 'o\na["0123456789abcdef"]\n'
http html-error-page '\017' '\000' '<html>502 Bad Gateway</html>\n'
