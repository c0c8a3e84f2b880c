# macOS: the app bundle (Info.plist with LSUIElement, an .icns), the Qt frameworks inside it (macdeployqt through
# Qt's deploy support) and a DMG. Included from packaging/CMakeLists.txt. Not built or run by this project's CI
# (packaging/README.md lists what is untested).
#
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$(brew --prefix qt);<QtKeychain>"
#   cmake --build build && cd build && cpack -G DragNDrop

# The bundle identifier, like the AppStream id the reverse of the homepage's domain.
set(TODO_BUNDLE_ID "invalid.example.todo-notifier")

# The .icns: the SVG rendered into an .iconset (16 to 512 points at 1x and 2x), then Apple's iconutil.
find_program(TODO_ICONUTIL iconutil REQUIRED)
set(todo_iconset "${CMAKE_CURRENT_BINARY_DIR}/todo-notifier.iconset")
set(todo_icns "${CMAKE_CURRENT_BINARY_DIR}/todo-notifier.icns")
add_custom_command(OUTPUT "${todo_icns}"
    COMMAND todo-icon-tool iconset "${TODO_ICON_SVG}" "${todo_iconset}"
    COMMAND "${TODO_ICONUTIL}" -c icns -o "${todo_icns}" "${todo_iconset}"
    DEPENDS todo-icon-tool "${TODO_ICON_SVG}"
    COMMENT "Rendering todo-notifier.icns"
    VERBATIM)
# The rule for a custom command's output reaches only targets of this directory: todo-notifier (app/gui) gets the
# file through a target it depends on.
add_custom_target(todo_macos_icns DEPENDS "${todo_icns}")
add_dependencies(todo-notifier todo_macos_icns)
target_sources(todo-notifier PRIVATE "${todo_icns}")
set_source_files_properties("${todo_icns}" TARGET_DIRECTORY todo-notifier PROPERTIES
    MACOSX_PACKAGE_LOCATION Resources GENERATED TRUE)

set_target_properties(todo-notifier PROPERTIES
    MACOSX_BUNDLE TRUE
    MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in"
    MACOSX_BUNDLE_GUI_IDENTIFIER "${TODO_BUNDLE_ID}"
    MACOSX_BUNDLE_BUNDLE_NAME "Todo Notifier"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_ICON_FILE "todo-notifier.icns"
    MACOSX_BUNDLE_COPYRIGHT "Todo Notifier developers")

# todo-notifier-cli goes inside the bundle (app/cli installs it there on macOS) so that it uses the bundle's Qt
# frameworks: macdeployqt fixes it up as an additional executable. This is the deploy script that
# qt_generate_deploy_app_script() writes for a bundle, plus that executable.
set(todo_deploy_script "${CMAKE_CURRENT_BINARY_DIR}/deploy-todo-notifier.cmake")
file(GENERATE OUTPUT "${todo_deploy_script}" CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"$<TARGET_FILE_NAME:todo-notifier>.app\"
    ADDITIONAL_EXECUTABLES \"$<TARGET_FILE_NAME:todo-notifier>.app/Contents/MacOS/$<TARGET_FILE_NAME:todo-notifier-cli>\"
)
")
install(SCRIPT "${todo_deploy_script}")

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_DMG_VOLUME_NAME "Todo Notifier")
set(CPACK_DMG_FORMAT "UDZO")
