// Gives memory the process has freed back to the system.
#pragma once

namespace kiosk {

// glibc keeps freed heap memory for later allocations, so a peak (the hyphenation
// patterns, a layout search, the previous slide's pixels) stays in the process's
// resident set for days. This returns the free pages to the kernel: call it after such a
// peak, when idle. Does nothing with other C libraries.
void ReturnFreeMemory();

}  // namespace kiosk
