#!/bin/sh
# Writes the seed corpus of payload_parser_fuzzer: MESSAGE bodies in every shape seen in the field (design.md).
# Each file is <limits byte><body>: 0xff selects the default limits (see optionsFor() in the fuzzer), other values
# small ones. Run from anywhere; rewrites fuzz/corpus/payload_parser/.
set -eu

out="$(cd "$(dirname "$0")" && pwd)/corpus/payload_parser"
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.txt

seed() { # name limits-byte body
    printf '%b%s' "$2" "$3" > "$out/$1"
}

todo='{"id":"1791022789439037441","title":"待办通知:张伟提交的《数据中台升级》变更申请--（项目主管）研发中心","time":"2024-05-16 16:28:03","handlerUrl":"/service/assets/index.html#/project/change-project-todo?id=262392482820521984&pendingId=1791022789439037442&itemname=项目主管&wfid=wf00000001","userId":"uff08a1b2c3d4e5f6","metaData":{"urgency":0,"urgencyText":"普通","bname":"变更申请","send_name":"张伟","send_dept":"研发中心","node_name":"项目主管","pendingUrl":"/service/workflow/pending/detail?pendingId=1791022789439037442"},"pendingId":null,"ownerId":"262392482820521984","ownerIdentityId":"uff08a1b2c3d4e5f6"}'
envelope="{\"data\":{\"menuTipsMap\":null,\"sysMsgList\":[$todo],\"sysMsgNums\":11,\"onlineUserNums\":null,\"extraData\":null},\"fromUserId\":null,\"fromUserName\":null}"
escaped=$(printf '%s' "$envelope" | sed 's/\\/\\\\/g; s/"/\\"/g')

seed envelope.json '\377' "$envelope"
seed envelope-twice.json '\377' "\"$escaped\""
seed envelope-small-limits.json '\125' "$envelope"
seed single.json '\377' "$todo"
seed array.json '\377' "[$todo,{\"id\":42,\"title\":\"Numeric id\",\"time\":1715848083000,\"metaData\":{\"urgency\":\"2\"}}]"
seed count-only.json '\377' '{"data":{"sysMsgList":null,"sysMsgNums":"7"}}'
seed keepalive.json '\377' '{"keepalive":"live"}'
seed data-string.json '\377' '{"data":"{\"sysMsgList\":[{\"id\":\"a\",\"title\":\"A\"}],\"sysMsgNums\":1}"}'
seed text.txt '\377' '系统将于今晚 22:00 维护'
seed quoted-text.txt '\377' '"Server maintenance tonight"'
seed mistyped.json '\377' '{"id":{"x":1},"title":["t"],"time":"2024-13-01","metaData":"{}","handlerUrl":true}'
seed nested.json '\011' '[[[[{"id":"deep"}]]]]'
seed malformed.json '\377' '{"data":{"sysMsgList":[{"id":"1"'
