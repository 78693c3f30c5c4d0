// The error summary after a failed form: focus moves to it so a screen reader announces it, and each link moves
// focus to its field (a plain in-page link would only scroll there).
(function () {
  'use strict'
  var summary = document.querySelector('[data-error-summary]')
  if (!summary) return
  summary.focus()
  summary.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]')
    if (!link) return
    var field = document.getElementById(link.getAttribute('href').slice(1))
    if (!field) return
    event.preventDefault()
    var legend = field.closest('fieldset') && field.closest('fieldset').querySelector('legend')
    var label = legend || document.querySelector('label[for="' + field.id + '"]')
    ;(label || field).scrollIntoView()
    field.focus({ preventScroll: true })
  })
})()
