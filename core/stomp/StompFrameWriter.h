#pragma once

#include "stomp/StompFrame.h"

#include <QByteArray>

// Serialises frames so that StompFrameParser (set to the same version) reads back an equal frame.
//  - Header names and values are escaped per version (1.2: CR LF ':' '\'; 1.1: LF ':' '\'; 1.0: none),
//    except in CONNECT and CONNECTED frames, which are never escaped.
//  - An existing content-length header is rewritten to the body's size; one is added when the body
//    contains a NUL (it could not be framed otherwise) or when `contentLength` is Always.
//  - The frame ends with a NUL; no trailing EOL is written.
namespace StompFrameWriter {

enum class ContentLength { AsNeeded, Always };

QByteArray serialize(const StompFrame &frame, StompVersion version = StompVersion::V1_2,
                     ContentLength contentLength = ContentLength::AsNeeded);

// One heart-beat: a single LF.
inline QByteArray heartbeat()
{
    return QByteArrayLiteral("\n");
}

} // namespace StompFrameWriter
