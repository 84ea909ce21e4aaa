# Installing the systemd unit and the desktop autostart entry, and the .deb (CPack).
# Included from the top-level CMakeLists.txt after the program's own install() rules.

# The unit in the source tree names /usr/bin/kiosk (the .deb's path, and what
# tests/e2e/systemd_test.sh checks); the installed copy names this install's binary.
set(KIOSK_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where the unit goes, relative to the prefix (Debian: /lib/systemd/system)")
file(READ ${PROJECT_SOURCE_DIR}/systemd/kiosk.service _kiosk_unit)
string(REPLACE "--block-signal=TERM,HUP,INT /usr/bin/kiosk "
       "--block-signal=TERM,HUP,INT ${CMAKE_INSTALL_FULL_BINDIR}/kiosk " _kiosk_unit "${_kiosk_unit}")
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/systemd/kiosk.service CONTENT "${_kiosk_unit}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/systemd/kiosk.service)
install(FILES ${PROJECT_BINARY_DIR}/systemd/kiosk.service DESTINATION ${KIOSK_SYSTEMD_UNIT_DIR})
install(FILES systemd/kiosk.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)
# The MQTT drop-in, to copy to /etc/systemd/system/kiosk.service.d/ (README "Many screens").
if(KIOSK_MQTT)
  install(FILES systemd/kiosk.service.d/mqtt.conf
          DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/kiosk.service.d)
endif()
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk)
set(CPACK_PACKAGE_CONTACT "kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The package installs where `cmake --install` would: the unit's ExecStart and the data
# directory compiled into the binary name that prefix. Configure with
# -DCMAKE_INSTALL_PREFIX=/usr for a proper Debian package (the presets do).
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
# Library dependencies from the binary (dpkg-shlibdeps, in dpkg-dev), plus what kiosk
# opens at run time: the default font, German hyphenation patterns, adduser for postinst.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, hyphen-de, adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/debian/postinst ${PROJECT_SOURCE_DIR}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Cross builds: dpkg-shlibdeps must read the target's libraries, and the .deb be for it.
if(CMAKE_CROSSCOMPILING)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "arm")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE armhf)
  endif()
endif()
include(CPack)
