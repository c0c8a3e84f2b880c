#!/bin/sh
# Writes the seed corpus of sockjs_framing_fuzzer: SockJS frames as Spring and sockjs-node send them. Each file is
# <chunk limit byte><frame bytes>. Run from anywhere; rewrites fuzz/corpus/sockjs_framing/.
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
