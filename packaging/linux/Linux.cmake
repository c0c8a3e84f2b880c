# Linux: desktop integration files and the Debian package (included from packaging/CMakeLists.txt).
#
# Build the .deb with a build directory configured for the /usr prefix (scripts/package.sh does):
#   cmake -S . -B build -DCMAKE_INSTALL_PREFIX=/usr && cmake --build build && (cd build && cpack -G DEB)
# The autostart entry goes to ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg/autostart, which is /etc/xdg/autostart for that
# prefix (GNUInstallDirs) and stays inside the prefix for any other.

set(linux_dir "${CMAKE_CURRENT_SOURCE_DIR}/linux")

# Icons: the SVG for scalable/apps, PNGs rendered from it for the fixed sizes of the hicolor theme.
set(hicolor_sizes 16 22 24 32 48 64 128 256)
set(hicolor_dir "${CMAKE_CURRENT_BINARY_DIR}/hicolor")
set(hicolor_pngs "")
foreach(size IN LISTS hicolor_sizes)
    list(APPEND hicolor_pngs "${hicolor_dir}/${size}x${size}/apps/${TODO_DESKTOP_ID}.png")
endforeach()
add_custom_command(OUTPUT ${hicolor_pngs}
    COMMAND todo-icon-tool hicolor "${TODO_ICON_SVG}" "${hicolor_dir}" "${TODO_DESKTOP_ID}" ${hicolor_sizes}
    DEPENDS todo-icon-tool "${TODO_ICON_SVG}"
    COMMENT "Rendering the hicolor PNG icons"
    VERBATIM)

# The Debian changelog (lintian requires one; a native package calls it changelog.gz) and the manual pages,
# compressed as Debian policy asks: gzip -9n, no name or time stamp.
set(CPACK_DEBIAN_PACKAGE_VERSION "${PROJECT_VERSION}")
configure_file("${linux_dir}/changelog.in" "${CMAKE_CURRENT_BINARY_DIR}/changelog" @ONLY)
set(gzipped "${CMAKE_CURRENT_BINARY_DIR}/changelog.gz")
add_custom_command(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/changelog.gz"
    COMMAND gzip -9nkf "${CMAKE_CURRENT_BINARY_DIR}/changelog"
    DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/changelog"
    VERBATIM)
set(man_pages todo-notifier.1 todo-notifier-cli.1)
foreach(page IN LISTS man_pages)
    add_custom_command(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz"
        COMMAND "${CMAKE_COMMAND}" -E copy "${linux_dir}/man/${page}" "${CMAKE_CURRENT_BINARY_DIR}/man/${page}"
        COMMAND gzip -9nf "${CMAKE_CURRENT_BINARY_DIR}/man/${page}"
        DEPENDS "${linux_dir}/man/${page}"
        VERBATIM)
    list(APPEND gzipped "${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz")
endforeach()

add_custom_target(todo_linux_package_files ALL DEPENDS ${hicolor_pngs} ${gzipped})

configure_file("${linux_dir}/todo-notifier.metainfo.xml.in"
    "${CMAKE_CURRENT_BINARY_DIR}/${TODO_APPSTREAM_ID}.metainfo.xml" @ONLY)

install(FILES "${linux_dir}/todo-notifier.desktop"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/applications" RENAME "${TODO_DESKTOP_ID}.desktop")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/${TODO_APPSTREAM_ID}.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
install(FILES "${TODO_ICON_SVG}"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps" RENAME "${TODO_DESKTOP_ID}.svg")
install(DIRECTORY "${hicolor_dir}/" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor")
# Inert until the person enables autostart (ui/XdgAutostart reads it and the user's entry overrides it).
# The package is laid out for /usr whatever prefix this build directory installs to (a developer's `cmake --install`
# may go to /usr/local or a home directory; a .deb never does): /etc is the system configuration directory of a /usr
# installation, so the inert autostart entry always goes to /etc/xdg/autostart.
set(autostart_dir "/etc/xdg/autostart")
install(FILES "${linux_dir}/todo-notifier-autostart.desktop"
    DESTINATION "${autostart_dir}" RENAME "${TODO_DESKTOP_ID}.desktop")
install(FILES "${linux_dir}/copyright" "${CMAKE_CURRENT_BINARY_DIR}/changelog.gz"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/todo-notifier")
# The administrators' example (README.md, "Admin presets"): documentation, not a live configuration.
install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/examples/todo-notifier.conf"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/todo-notifier/examples")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/man/todo-notifier.1.gz" "${CMAKE_CURRENT_BINARY_DIR}/man/todo-notifier-cli.1.gz"
    DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

# The Debian package. Library dependencies are computed by dpkg-shlibdeps from the executables (Qt, QtKeychain, the
# C++ runtime); listed by hand is only what is loaded at run time and so invisible to it. On Debian 12 the xcb
# platform plugin is in libqt6gui6, the TLS backends in libqt6network6 and the SVG image and icon engine plugins in
# libqt6svg6, all three linked directly and so computed; the SQLite driver is a package of its own, and QtKeychain
# opens libsecret (the Secret Service) with dlopen.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libsecret-1-0")
# Qt's own translations (standard buttons, text field menus) in the person's language: ui/Translations.cpp loads
# qtbase_<lang>.qm from QLibraryInfo::TranslationsPath when it is there. Todos are often Chinese: a CJK font, so
# that their titles are not drawn as boxes on a desktop installed without one.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-noto-cjk | fonts-wqy-microhei")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# Files under /etc are conffiles: an administrator's change to the autostart entry survives upgrades.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/conffiles" "${autostart_dir}/${TODO_DESKTOP_ID}.desktop\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_BINARY_DIR}/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
