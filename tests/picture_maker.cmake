# The test picture maker: a library (unit tests, bench/picture_bench) and the make_picture
# tool (end-to-end tests, the fuzzer's seeds). Included by tests/ and fuzz/.
if(NOT TARGET kiosk_picture_maker)
  find_package(ZLIB REQUIRED)
  add_library(kiosk_picture_maker STATIC ${CMAKE_CURRENT_LIST_DIR}/picture_maker.cpp)
  target_include_directories(kiosk_picture_maker PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(kiosk_picture_maker PUBLIC PkgConfig::PNG PkgConfig::JPEG PkgConfig::WEBP ZLIB::ZLIB
                                            PRIVATE kiosk_warnings)
  add_executable(make_picture ${CMAKE_CURRENT_LIST_DIR}/make_picture.cpp)
  target_link_libraries(make_picture PRIVATE kiosk_picture_maker CLI11::CLI11 kiosk_warnings)
endif()
