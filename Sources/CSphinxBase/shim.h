#include <sphinxbase/fe.h>
