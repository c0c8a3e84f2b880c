#!/bin/sh
# Writes the seed corpus of stomp_frame_parser_fuzzer: small realistic frames as brokers send them.
# Each file is <limits byte><chunking byte><STOMP bytes>: 0xff selects the default limits (see limitsFor() in the
# fuzzer), 0x00 the smallest ones. Run from anywhere; rewrites fuzz/corpus/stomp_frame_parser/.
set -eu

out="$(cd "$(dirname "$0")" && pwd)/corpus/stomp_frame_parser"
mkdir -p "$out"
rm -f "$out"/*.stomp

seed() { # name limits-byte chunk-byte printf-format
    printf "$2$3$4" > "$out/$1.stomp"
}

json='{"data":{"sysMsgList":[{"id":"1791022789439037441","title":"待办通知:《变更申请》"}],"sysMsgNums":11}}'
len=$(printf '%s' "$json" | wc -c)

seed rabbitmq-connected '\377' '\007' 'CONNECTED\nserver:RabbitMQ/3.10.8\nsession:session-yGcX1Mdyq3aFr0Ub4mTBLw\nheart-beat:10000,10000\nversion:1.2\n\n\000\n'
seed rabbitmq-message '\377' '\041' "MESSAGE\nsubscription:sub-0\ndestination:/exchange/FanoutDemandExchange\nmessage-id:T_sub-0@@session-yGcX1Mdyq3aFr0Ub4mTBLw@@1\nredelivered:false\ncontent-type:application/json;charset=UTF-8\ncontent-length:$len\n\n$json\000\n"
seed spring-message '\377' '\003' "MESSAGE\ndestination:/user/topic/all\ncontent-type:application/json\nsubscription:sub-0\nmessage-id:5f3e1c2a-12\ncontent-length:$len\n\n$json\000"
seed activemq-message '\377' '\017' 'MESSAGE\nmessage-id:ID\\cdebian-40123-1715848083123-3\\c1\\c1\\c1\\c1\ndestination:/queue/todo\ntimestamp:1715848083456\nexpires:0\nsubscription:sub-0\npriority:4\n\nChange request 17\000'
seed rabbitmq-error '\377' '\005' "ERROR\nmessage:Bad CONNECT\ncontent-type:text/plain\nversion:1.0,1.1,1.2\ncontent-length:32\n\nAccess refused for user 'guest'\n\000"
seed connect '\377' '\002' 'CONNECT\naccept-version:1.0,1.1,1.2\nhost:/\nlogin:guest\npasscode:guest\nheart-beat:10000,10000\nclient-id:todo-notifier\n\n\000'
seed subscribe-ack '\377' '\011' 'SUBSCRIBE\nid:sub-0\ndestination:/user/topic/all\nack:client-individual\nreceipt:r-1\n\n\000ACK\nid:T_sub-0@@1\n\n\000'
seed receipt-heartbeats '\377' '\001' '\n\r\n\nRECEIPT\nreceipt-id:r-1\n\n\000\n\n'
seed crlf-escapes '\377' '\004' 'MESSAGE\r\nsubscription:sub-0\r\nx-note:line\\nbreak\\cwith\\\\slash\\r\r\n\r\nbody\000\r\n'
seed binary-body '\377' '\006' 'MESSAGE\ncontent-length:6\n\n\000\001\377\n\r\000\000'
seed repeated-headers '\377' '\010' 'MESSAGE\nfoo:1\nfoo:2\ncontent-length:2\ncontent-length:9\n\nok\000'
seed small-limits '\000' '\001' 'SEND\na:b\n\nhello\000ACK\n\n\000'
seed medium-limits '\125' '\003' 'SEND\ndestination:/q\nreceipt:77\ncontent-length:3\n\nabc\000'
seed two-frames-one-bad '\252' '\002' 'ACK\nid:1\n\n\000\nNACK\nid:a\\tb\n\n\000'
