# Warnings on for everything we compile; errors when PSV_WERROR is set (CI).
add_library(papersieve_warnings INTERFACE)
target_compile_options(papersieve_warnings INTERFACE
  $<$<OR:$<CXX_COMPILER_ID:GNU,Clang>,$<C_COMPILER_ID:GNU,Clang>>:-Wall -Wextra -Wpedantic>
  $<$<BOOL:${PSV_WERROR}>:-Werror>)

if(PSV_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
