# Cross build for Raspberry Pi OS Bookworm, 64-bit (arm64), through Debian multiarch:
# the :arm64 -dev packages live in /usr/lib/aarch64-linux-gnu beside the host's.
# scripts/install-cross-deps.sh arm64 installs them, the compiler and qemu-user.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# Tests run under qemu-user, called explicitly (binfmt_misc may not be mounted), with /
# as the library root: the multiarch libc6:arm64 that the :arm64 libraries were built
# against. The cross toolchain's older copy in /usr/aarch64-linux-gnu mixed with them
# hangs every program that starts a thread (seen: pthread_join never returns).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/)
# pkg-config must read the arm64 .pc files, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
