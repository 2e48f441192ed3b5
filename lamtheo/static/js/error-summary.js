/* A form sent back with errors opens with its error summary focused, so a screen reader reads
   the errors first and the keyboard starts from the links to each field. A file of its own,
   not an inline script: the Content-Security-Policy runs only the application's script files. */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
