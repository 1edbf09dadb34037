# A negative control: runs a scenario that must FAIL on exactly one named check, and
# fails unless it did (a run that fails for another reason — a crash, a wait — fails too).
# -DLOAD=seckill-load -DNODE=seckill-node -DFILE=scenario.json -DREPORT=out.json -DCHECK=id
execute_process(COMMAND ${LOAD} scenario ${FILE} --node-binary ${NODE} --report ${REPORT}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit 1 (FAIL), got ${rc}")
endif()
file(READ ${REPORT} report)
string(JSON count LENGTH "${report}" checks)
math(EXPR last "${count} - 1")
set(failed "")
foreach(i RANGE ${last})
  string(JSON id GET "${report}" checks ${i} id)
  string(JSON pass GET "${report}" checks ${i} pass)
  if(NOT pass)
    list(APPEND failed ${id})
  endif()
endforeach()
if(NOT failed STREQUAL CHECK)
  message(FATAL_ERROR "expected only ${CHECK} to fail; failed: ${failed}")
endif()
message(STATUS "${CHECK} failed as it must; every other check passed")
