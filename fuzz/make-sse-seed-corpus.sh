#!/bin/sh
# Writes the seed corpus of sse_parser_fuzzer: event streams as Spring's SseEmitter, Node `http` handlers and the
# HTML standard's examples send them. Each file is <limits byte><chunking seed byte><stream> (see the fuzzer's
# header: limits byte 0x0f is the default limits, 0x05 lines of 8 and events of 16 bytes, 0x0a lines of 40 and
# events of 100). Run from anywhere; rewrites fuzz/corpus/sse_parser/.
set -eu

out="$(cd "$(dirname "$0")" && pwd)/corpus/sse_parser"
mkdir -p "$out"
rm -f "$out"/*.sse

seed() { # name limits-byte seed-byte printf-format
    printf "$2$3$4" > "$out/$1.sse"
}

seed spring-sseemitter '\017' '\003' 'retry:5000\n\nevent:todo\nid:1\ndata:{"id":"1","title":"\345\256\241\346\211\271"}\n\n:heartbeat\n\n'
seed node-http '\017' '\021' ': connected\n\nretry: 10000\nid: 41\nevent: todo\ndata: {"data":{"sysMsgList":[{"id":"41","title":"t"}],"sysMsgNums":1}}\n\n: keep-alive\n\n'
seed multiline-data '\017' '\007' 'data: {\ndata:  "id": "2",\ndata:  "title": "multi"\ndata: }\n\n'
seed crlf '\017' '\005' 'id: 3\r\nevent: todo\r\ndata: crlf\r\n\r\n: ping\r\n\r\n'
seed cr-only '\017' '\002' 'data: a\rdata: b\r\rid: 4\r\r'
seed bom '\017' '\001' '\357\273\277data: after a byte order mark\n\n'
seed comments-only '\017' '\077' ':\n: ping\n:keep-alive\n\n:\r\n'
seed ids '\017' '\011' 'id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 5\n\nid: 6\000x\ndata: d\n\n'
seed fields '\017' '\013' 'data\nevent\nfoo: bar\nDATA: x\ndata : y\nretry: 7s\nretry: 300\ndata: z\n\n'
seed utf8 '\017' '\006' 'event: \345\276\205\345\212\236\ndata: \345\256\241\346\211\271 \360\237\230\200\n\n'
seed invalid-utf8 '\017' '\004' 'event: \377\ndata: a\300b\355\240\200c\n\n'
seed small-limits '\005' '\003' 'data: 0123456789\n\ndata: ok\n\n: a long comment line\ndata: 12345\ndata: 67890\n\n'
seed medium-limits '\012' '\010' 'event: todo\ndata: {"id":"7","title":"medium"}\n\nevent: a-rather-long-event-type-name-here\ndata: x\n\n'
seed cut-off '\017' '\012' 'data: complete\n\ndata: cut off'
