// wsdl_case_files: writes the OLD and NEW file of every case of
// wsdl_cases.hpp into a folder, with a CMake list of them (cases.cmake), for
// the verdict build (tests/wsdl_verdict.cmake).
//
//   wsdl_case_files <folder>
#include "wsdl_cases.hpp"

#include "support/temp_dir.hpp"

#include <sys/stat.h>

#include <iostream>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: wsdl_case_files <folder>\n";
    return 2;
  }
  std::string dir = argv[1];
  ::mkdir(dir.c_str(), 0700);  // may exist
  try {
    std::string list = "# Written by wsdl_case_files from tests/cli/wsdl_cases.hpp.\nset(CASES";
    std::string vars;
    for (const mktows_test::WsdlCase &c : mktows_test::wsdl_cases()) {
      std::string folder = dir + "/" + c.name;
      ::mkdir(folder.c_str(), 0700);
      mktows_test::write_text(folder + "/old.wsdl", mktows_test::wsdl_case_text(c.old_file));
      mktows_test::write_text(folder + "/new.wsdl", mktows_test::wsdl_case_new_text(c));
      list += " " + c.name;
      vars += "set(CASE_" + c.name + "_COMPATIBLE " + (c.compatible ? "ON" : "OFF") + ")\n";
    }
    mktows_test::write_text(dir + "/cases.cmake", list + ")\n" + vars);
  } catch (const std::exception &e) {
    std::cerr << "wsdl_case_files: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
