# Windows: the Qt runtime next to the executables (windeployqt through Qt's deploy script), an icon, and an NSIS
# installer with a Start-menu entry and an uninstaller. Included from packaging/CMakeLists.txt. Not built or run by
# this project's CI (packaging/README.md lists what is untested).
#
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=C:/Qt/6.x/msvc2019_64;<QtKeychain>
#   cmake --build build && cd build && cpack -G NSIS

# The icon: rendered from the SVG into a multi-size .ico, embedded in todo-notifier.exe (a resource script added to
# the target from here) and used by the installer.
set(todo_ico "${CMAKE_CURRENT_BINARY_DIR}/todo-notifier.ico")
add_custom_command(OUTPUT "${todo_ico}"
    COMMAND todo-icon-tool ico "${TODO_ICON_SVG}" "${todo_ico}" 16 20 24 32 40 48 64 256
    DEPENDS todo-icon-tool "${TODO_ICON_SVG}"
    COMMENT "Rendering todo-notifier.ico"
    VERBATIM)
# A custom command's output reaches only targets of this directory: todo-notifier (app/gui) depends on this one.
add_custom_target(todo_windows_icon DEPENDS "${todo_ico}")
set(todo_rc "${CMAKE_CURRENT_BINARY_DIR}/todo-notifier.rc")
file(WRITE "${todo_rc}" "IDI_ICON1 ICON \"${todo_ico}\"\n")
target_sources(todo-notifier PRIVATE "${todo_rc}")
set_source_files_properties("${todo_rc}" TARGET_DIRECTORY todo-notifier PROPERTIES OBJECT_DEPENDS "${todo_ico}")
add_dependencies(todo-notifier todo_windows_icon)

# Qt's deploy script runs windeployqt on the installed todo-notifier.exe: Qt DLLs, plugins (platforms, styles, TLS,
# SQLite driver, SVG), Qt's own translations and a qt.conf. todo-notifier-cli sits in the same folder and needs a
# subset of those DLLs. The signature changed in Qt 6.5 (OUTPUT_SCRIPT replaced FILENAME_VARIABLE).
if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
    qt_generate_deploy_app_script(TARGET todo-notifier OUTPUT_SCRIPT todo_deploy_script)
else()
    qt_generate_deploy_app_script(TARGET todo-notifier FILENAME_VARIABLE todo_deploy_script)
endif()
install(SCRIPT "${todo_deploy_script}")
# QtKeychain is not a Qt module, so windeployqt leaves it out: install its DLL from its imported target.
# (Qt6Keychain::Qt6Keychain is an alias, which install() does not take.)
find_package(Qt6Keychain REQUIRED)
get_target_property(todo_keychain_target Qt6Keychain::Qt6Keychain ALIASED_TARGET)
if(NOT todo_keychain_target)
    set(todo_keychain_target Qt6Keychain::Qt6Keychain)
endif()
install(IMPORTED_RUNTIME_ARTIFACTS ${todo_keychain_target} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
    LIBRARY DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The MSVC runtime (windeployqt deploys MinGW's own).
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
include(InstallRequiredSystemLibraries)

# The installer. CPACK_PACKAGE_EXECUTABLES (packaging/CMakeLists.txt) makes the Start-menu shortcut; NSIS always
# writes an uninstaller and its "Apps & features" entry. Admins install silently with `todo-notifier-<v>-win64.exe /S`.
set(CPACK_GENERATOR "NSIS")
set(CPACK_NSIS_PACKAGE_NAME "Todo Notifier")
set(CPACK_NSIS_DISPLAY_NAME "Todo Notifier")
set(CPACK_NSIS_MUI_ICON "${todo_ico}")
set(CPACK_NSIS_MUI_UNIICON "${todo_ico}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\todo-notifier.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "todo-notifier.exe")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "TodoNotifier")
