# Cross build for Raspberry Pi OS Bookworm, 32-bit (armhf, ARMv7: Pi 2 and later, not
# Pi Zero/1), against a sysroot made by mmdebstrap: armhf multiarch breaks apt-get update
# on these mirrors. scripts/install-cross-deps.sh armhf makes it, in $KIOSK_ARMHF_SYSROOT
# (default /opt/kiosk-sysroot-armhf).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)
if(DEFINED ENV{KIOSK_ARMHF_SYSROOT})
  set(KIOSK_ARMHF_SYSROOT $ENV{KIOSK_ARMHF_SYSROOT})
else()
  set(KIOSK_ARMHF_SYSROOT /opt/kiosk-sysroot-armhf)
endif()
set(CMAKE_SYSROOT ${KIOSK_ARMHF_SYSROOT})
set(CMAKE_FIND_ROOT_PATH ${KIOSK_ARMHF_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# GCC notes an ABI change of GCC 7 on every std::pair of doubles: noise, not a problem.
set(CMAKE_CXX_FLAGS_INIT -Wno-psabi)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm;-L;${KIOSK_ARMHF_SYSROOT})
set(ENV{PKG_CONFIG_LIBDIR}
    ${KIOSK_ARMHF_SYSROOT}/usr/lib/arm-linux-gnueabihf/pkgconfig:${KIOSK_ARMHF_SYSROOT}/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_SYSROOT_DIR} ${KIOSK_ARMHF_SYSROOT})
