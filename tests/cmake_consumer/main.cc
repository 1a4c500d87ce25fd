// Compiles and links against an installed leadscore through find_package().
#include <leadscore/leadscore.h>

int main() { return 0; }
