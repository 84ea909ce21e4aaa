// Every tunable default in one place, like suckless sent's config.def.h.
// Playlists override the theme values; the rest are the program's choices.
#pragma once

#include "color.h"

namespace kiosk::config {

// Theme defaults (a playlist's "theme" object overrides them).
inline constexpr Color kBackground{0x12, 0x1e, 0x2f, 255};
inline constexpr Color kForeground{0xff, 0xff, 0xff, 255};
inline constexpr Color kAccent{0xf5, 0xb7, 0x2c, 255};
inline constexpr const char* kFontFamily = "DejaVu Sans";
inline constexpr double kMargin = 0.06;           // of the shorter screen side, on every edge
inline constexpr double kMaxTextSize = 0.085;     // body text height, share of the screen height
inline constexpr double kMinTextSize = 1.0 / 24;  // readable minimum, share of the screen height

// Playlist defaults.
inline constexpr double kSlideSeconds = 20.0;
inline constexpr double kTransitionSeconds = 0.8;
// At least a second on screen: shorter slides strobe (issue 10), and nobody can read them.
inline constexpr double kMinSlideSeconds = 1.0;
inline constexpr double kMaxSlideSeconds = 24 * 3600.0;
inline constexpr double kMaxTransitionSeconds = 10.0;

// Typography: sizes relative to the body size.
inline constexpr double kTitleScale = 1.25;
inline constexpr double kKickerScale = 0.62;
inline constexpr double kLineSpacing = 1.0;    // times the font's own line skip
inline constexpr double kBlockGap = 0.6;       // gap between kicker, title and body, in body sizes
inline constexpr double kParagraphGap = 0.45;  // extra gap at an empty line, in body sizes
inline constexpr int kLastResortMinPx = 6;     // below the minimum only when nothing else fits

// Chrome: counter, progress bar, paused mark.
inline constexpr double kCounterSize = 1.0 / 50;  // of the screen height
inline constexpr double kProgressHeight = 1.0 / 200;
inline constexpr int kProgressMinStepMs = 250;  // the bar moves at most 4 times a second
inline constexpr unsigned char kChromeAlpha = 150;

// Announcements: a band across the bottom of the screen, this share of its height, faded
// in and out over this many milliseconds.
inline constexpr double kAnnouncementBand = 0.3;
inline constexpr long long kAnnouncementFadeMs = 400;

// Wall-clock sync: a show a person navigated re-joins the clock after this long without
// another key (unless paused: a paused show waits for a person).
inline constexpr long long kSyncRejoinMs = 10LL * 60 * 1000;

// Until the real-time clock is trusted (platform/clock_trust.h) the show asks again at
// every wake (a clock set wakes it) and at least this often.
inline constexpr long long kClockTrustCheckMs = 10'000;

// What a playlist may hold. Past these, no screen could show the text readably and laying
// it out would take seconds (every slide is laid out for --check --size and uniform_size):
// validation rejects the file, naming the slide and the limit. Characters are code points.
inline constexpr int kMaxSlides = 200;      // --render writes a picture of each in about 10 ms
inline constexpr int kMaxTextChars = 5000;  // in each kicker, title and text
inline constexpr int kMaxPlaylistChars = 100'000;  // in all slides together

// Pictures (issue 12): a slide's image or QR code beside (landscape) or above (portrait)
// its text, a theme logo in a corner. Shares of the shorter screen side unless they say.
inline constexpr double kLogoSize = 0.12;  // the logo's box, when the playlist gives none
inline constexpr double kMaxLogoSize = 0.5;
inline constexpr double kPictureGap = 0.04;      // between a picture and the text, and the logo
inline constexpr double kMaxPictureShare = 0.6;  // of the width (height) beside (above) text
inline constexpr double kCoverShare = 0.5;       // a "cover" picture beside text fills this much
inline constexpr double kQrSize = 0.7;           // a QR code's side: read from a few metres away
// A QR code holds at most this many bytes at error correction level M (version 40, bytes).
inline constexpr int kMaxQrBytes = 2331;

// Hot reload: read the files this long after the last change event of a burst (an
// editor's save is several events; a half-written file must not be read).
inline constexpr int kReloadQuietMs = 300;

// The largest playlist file read, in bytes: a larger one is an error, refused before it is
// read (the bundled resolution is about 5 KB, a long conference programme well under 1 MB).
inline constexpr long long kMaxPlaylistBytes = 4LL * 1024 * 1024;
// The largest font file read to check it (theme.font_file, or the font fontconfig found
// for theme.font): a CJK font is about 20 MiB, a colour emoji font about 10 MiB.
inline constexpr long long kMaxFontBytes = 64LL * 1024 * 1024;

// The conference programme (a frab/pretalx schedule.json a slide's "programme" names).
// A congress's schedule with abstracts is a few MiB and about 1000 events.
inline constexpr long long kMaxScheduleBytes = 16LL * 1024 * 1024;
inline constexpr int kMaxProgrammeEvents = 5000;
inline constexpr int kMaxProgrammeRooms = 200;
inline constexpr int kMaxProgrammeEventHours = 7 * 24;  // one event's duration, at most a week
// A title longer than this is cut with "…" on a programme slide (a slide is read in passing).
inline constexpr int kMaxProgrammeTitleChars = 200;

// Pictures (issue 12). Every number is checked against the file's header before anything
// is allocated for its pixels, so a small file that claims 100000x100000 pixels (a
// decompression bomb) costs nothing.
// The largest picture file read: a 24-megapixel photo is 5 to 15 MB as JPEG.
inline constexpr long long kMaxPictureBytes = 32LL * 1024 * 1024;
// Pixels per side and in all, by the header: 8000x6000 (a 48-megapixel phone photo) fits.
inline constexpr int kMaxPictureSide = 20000;
inline constexpr long long kMaxPicturePixels = 50'000'000;
// The most memory one decode may need besides the pixels it returns (rows, the scaler,
// an interlaced PNG or a progressive JPEG held whole): the budget of 64 MiB.
inline constexpr long long kMaxDecodeBytes = 64LL * 1024 * 1024;
// A progressive JPEG with more scans than this is refused: each scan is a pass over the
// whole picture, and real ones have about 10 (a crafted file could have thousands).
inline constexpr int kMaxJpegScans = 100;

// Rendering.
inline constexpr int kDefaultRenderWidth = 1920;
inline constexpr int kDefaultRenderHeight = 1080;
// Slides kept rendered: the current one and the next (a slide's text is about 4 MiB of
// pixels at 1920x1080); going back or jumping rasterises the slide then, in a few
// milliseconds (bench/prepare_bench).
inline constexpr int kSlideTextureCache = 2;
// A slide whose pictures are not decoded when it must show (a jump to a slide nobody
// prepared) waits this long for them, then shows without them until they arrive.
inline constexpr int kPictureWaitMs = 250;
// Font sizes kept open once a slide is ready (the sizes the last slides used).
inline constexpr int kFontSizesKeptOpen = 6;

// The control socket (`kiosk ctl`): what one client may hold, so that a slow or hostile
// one cannot take memory or the render loop with it.
inline constexpr int kControlMaxClients = 64;                     // more connections are refused
inline constexpr long long kControlMaxLineBytes = 64 * 1024;      // a longer request is dropped
inline constexpr long long kControlMaxPendingBytes = 256 * 1024;  // replies a client has not read
inline constexpr int kAnnouncementMaxChars = 1000;                // announce's text
inline constexpr double kAnnouncementMaxSeconds = 24 * 3600.0;    // announce's "for"

// MQTT (README "Many screens").
inline constexpr long long kMqttStateMinMs = 2000;           // state published at most this often
inline constexpr long long kMqttHeartbeatMs = 60 * 1000;     // and at least (uptime, temperature)
inline constexpr int kMqttMaxQueued = 32;                    // messages the loop has not taken
inline constexpr long long kMqttConfigMaxBytes = 64 * 1024;  // /etc/kiosk/mqtt.conf

}  // namespace kiosk::config
