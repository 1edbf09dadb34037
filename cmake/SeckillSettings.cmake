# One interface target carries the compile settings every seckill target shares, so a
# flag changes in one place (the qBittorrent model) instead of drifting per folder.
add_library(seckill_settings INTERFACE)
add_library(seckill::settings ALIAS seckill_settings)
target_compile_features(seckill_settings INTERFACE cxx_std_20)
target_compile_options(seckill_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wno-missing-field-initializers)
target_compile_definitions(seckill_settings INTERFACE
  BOOST_ASIO_NO_DEPRECATED
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_KEYWORDS)
set(CMAKE_CXX_EXTENSIONS OFF)

# CI builds with warnings as errors (.ci/run sets SECKILL_WERROR=ON through scripts/test), so
# a new warning stops a change instead of piling up; a developer's build only shows them.
option(SECKILL_WERROR "Treat compiler warnings as errors" OFF)
if(SECKILL_WERROR)
  target_compile_options(seckill_settings INTERFACE -Werror)
endif()

# Sanitizer builds come from presets; the flag is applied to every target alike.
set(SECKILL_SANITIZER "" CACHE STRING "address | thread | fuzzer | empty")
if(SECKILL_SANITIZER STREQUAL "address")
  target_compile_options(seckill_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(seckill_settings INTERFACE -fsanitize=address,undefined)
elseif(SECKILL_SANITIZER STREQUAL "fuzzer")
  # Every library instrumented for coverage; only the harnesses link libFuzzer's main.
  target_compile_options(seckill_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(seckill_settings INTERFACE -fsanitize=address,undefined)
elseif(SECKILL_SANITIZER STREQUAL "thread")
  target_compile_options(seckill_settings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(seckill_settings INTERFACE -fsanitize=thread)
endif()

# The hardening Debian's own packages get (lintian's hardening checks): fortified libc
# calls where the optimiser can see sizes (not at -O0, where it does nothing but warn),
# and relocations bound and made read-only at start-up. Sanitizer builds keep their own.
if(NOT SECKILL_SANITIZER)
  target_compile_definitions(seckill_settings INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
  target_link_options(seckill_settings INTERFACE LINKER:-z,relro LINKER:-z,now)
endif()
