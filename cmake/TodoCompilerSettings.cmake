# Warnings and sanitizers, applied through an interface target so that nothing is global.
add_library(todo_compiler_settings INTERFACE)
add_library(TodoNotifier::CompilerSettings ALIAS todo_compiler_settings)

target_compile_options(todo_compiler_settings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wcast-align>
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
    # Qt's qCDebug(category) << ... passes no variadic argument, a GNU extension clang flags under -Wpedantic.
    $<$<CXX_COMPILER_ID:Clang>:-Wno-gnu-zero-variadic-macro-arguments>)
if(TODO_WERROR)
    target_compile_options(todo_compiler_settings INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:-Werror>)
endif()
target_compile_definitions(todo_compiler_settings INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH
    QT_NO_KEYWORDS QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060000)

if(TODO_ENABLE_SANITIZERS)
    target_compile_options(todo_compiler_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(todo_compiler_settings INTERFACE -fsanitize=address,undefined)
endif()

# Hardening as Debian builds its packages (dpkg-buildflags' defaults; lintian notes their absence): fortified libc
# calls where the code is optimised, stack protection, and full RELRO with immediate binding. Not with the
# sanitizers, which replace those libc calls themselves.
if(NOT TODO_ENABLE_SANITIZERS AND CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(todo_compiler_settings INTERFACE -fstack-protector-strong
        $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2>)
    target_link_options(todo_compiler_settings INTERFACE -Wl,-z,relro -Wl,-z,now)
endif()
