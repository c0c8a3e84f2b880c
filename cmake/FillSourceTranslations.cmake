# cmake -DTS_FILE=path/to/app_en.ts -P FillSourceTranslations.cmake
# For the catalogue of the source language (English): gives every new, plain entry its source text as the
# translation. Entries with plural forms (%n) are left unfinished: "%n attempt(s)" needs a person to write
# "%n attempt" and "%n attempts".
if(NOT TS_FILE OR NOT EXISTS "${TS_FILE}")
    message(FATAL_ERROR "FillSourceTranslations: TS_FILE not given or missing: ${TS_FILE}")
endif()
file(READ "${TS_FILE}" content)
# Source text is XML-escaped in the file and never contains a raw '<', so [^<]* spans it, line breaks included.
string(REGEX REPLACE
    "<source>([^<]*)</source>(\n *)<translation type=\"unfinished\"></translation>"
    "<source>\\1</source>\\2<translation>\\1</translation>"
    filled "${content}")
if(NOT filled STREQUAL content)
    file(WRITE "${TS_FILE}" "${filled}")
    message(STATUS "Filled new English entries of ${TS_FILE} with their source text")
endif()
