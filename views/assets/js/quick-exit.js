// Quick exit, for a parent who must hide this site fast (family-violence safety). The button is a plain link, so
// it works without JavaScript; with it, the page is *replaced* by the neutral site, so Back does not return here,
// a signed-in parent is signed out on the way (so the pages cannot be reopened from history), and the Escape key
// does the same from anywhere, unless a dialog is open and Escape belongs to it.
(function () {
  'use strict'
  var link = document.querySelector('[data-quick-exit]')
  if (!link) return
  var destination = link.getAttribute('href')

  function signOutQuietly() {
    var form = document.querySelector('form[data-sign-out]')
    if (!form || !navigator.sendBeacon) return
    // A beacon outlives the page it was sent from; the form's own CSRF token goes with it.
    navigator.sendBeacon(form.action, new URLSearchParams(new FormData(form)))
  }

  function leave(event) {
    if (event) event.preventDefault()
    document.body.hidden = true
    signOutQuietly()
    window.location.replace(destination)
  }

  link.addEventListener('click', leave)
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    if (document.body.classList.contains('usa-js-modal--active')) return
    leave(event)
  })
})()
