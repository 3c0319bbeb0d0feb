# Includes every third_party/<name>.cmake. Each file finds one system (Debian)
# package and defines the imported target hallway::<name> that the project
# links; see third_party/README.md for the table and how to add one.
file(GLOB HALLWAY_THIRD_PARTY_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cmake)
list(REMOVE_ITEM HALLWAY_THIRD_PARTY_FILES ${CMAKE_CURRENT_LIST_FILE})
list(SORT HALLWAY_THIRD_PARTY_FILES)
foreach(file ${HALLWAY_THIRD_PARTY_FILES})
  include(${file})
endforeach()
