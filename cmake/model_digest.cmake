# model_digest.cmake — run by the build (cmake -P) to write OUT, a C file
# defining mishi_model_digest(): the first 16 hex digits of a SHA-256 over
# the model's sources, every file under src/ and include/ (ROOT-relative
# path and contents, in sorted order).
#
# Why sources and not scripts/fingerprint.sh's model fingerprint: that one
# is a checksum of the outputs of several runs, computed by running the
# built binary, so the library cannot know it when it is compiled. A
# results database stores this digest so that a sweep resumed by a binary
# built from other model code is refused: its runs would not match the
# ones already stored. Any edit, a comment's included, changes it; that is
# the safe side for a check that guards against mixing two models.
file(GLOB_RECURSE files RELATIVE "${ROOT}"
     "${ROOT}/src/*.c" "${ROOT}/src/*.h" "${ROOT}/include/*.h")
list(SORT files)
set(all "")
foreach(file IN LISTS files)
  file(SHA256 "${ROOT}/${file}" sum)
  string(APPEND all "${file} ${sum}\n")
endforeach()
string(SHA256 digest "${all}")
string(SUBSTRING "${digest}" 0 16 digest)
string(CONCAT text
       "/* Written by cmake/model_digest.cmake at build time: do not edit. */\n"
       "#include \"mishi.h\"\n\n"
       "const char *mishi_model_digest(void) { return \"${digest}\"; }\n")
# rewritten only when it changes, so an unchanged model relinks nothing
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
