#!/bin/sh
# Writes the seed corpus of engineio_packet_fuzzer: Engine.IO packets and long-polling payloads as socket.io 4 sends
# them, with the Socket.IO packets they carry. Run from anywhere; rewrites fuzz/corpus/engineio_packet/.
set -eu

out="$(cd "$(dirname "$0")" && pwd)/corpus/engineio_packet"
mkdir -p "$out"
rm -f "$out"/*.eio

seed() { # name printf-format
    printf "$2" > "$out/$1.eio"
}

seed open '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'
seed open-websocket '0{"sid":"Zx3-f4_tAAAB","upgrades":[],"pingInterval":400,"pingTimeout":1000,"maxPayload":1000000}'
seed close '1'
seed ping '2'
seed ping-probe '2probe'
seed pong-probe '3probe'
seed upgrade '5'
seed noop '6'
seed connect '40'
seed connect-auth '40/todos,{"token":"letmein","login":"alice"}'
seed connect-answer '40/todos,{"sid":"oSO0OpakMV_3jnilAAAA"}'
seed connect-answer-recovery '40/todos,{"sid":"oSO0OpakMV_3jnilAAAA","pid":"YHcX2sdAF1z6ApMUAAAB"}'
seed disconnect '41/todos,'
seed event-offset '42["todo",{"id":"1","title":"t"},"NxTAZeC"]'
seed event '42["todo",{"id":"1","title":"\\u5f85\\u529e","handlerUrl":"/todo#/x?id=1"}]'
seed event-string '42/todos,["todo","{\\"id\\":\\"2\\",\\"title\\":\\"twice\\"}"]'
seed event-ack '42/todos,12["alert",{"data":{"sysMsgList":[{"id":"3"}],"sysMsgNums":1}},7,null]'
seed ack '43/todos,12[]'
seed connect-error '44/todos,{"message":"not authorized: bad or missing token"}'
seed connect-error-string '44"Not authorized"'
seed binary-event '451-/todos,["upload",{"_placeholder":true,"num":0}]'
seed binary-ack '461-3[{"_placeholder":true,"num":0}]'
seed payload '0{"sid":"a","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}\0362\03642["todo",{}]'
seed payload-binary '42["x"]\036bAQIDBA=='
seed garbage '<html><body>Welcome</body></html>'
seed sockjs 'o'
