// Quick exit, for a parent who must hide this site fast (family-violence safety). The button is a plain link, so
// it works without JavaScript; with it, the page is *replaced* by the neutral site, so Back does not return to it,
// and a signed-in parent is signed out on the way (so the pages cannot be reopened from history).
// The keyboard shortcut is GOV.UK's "Exit this page" one: Shift pressed three times within five seconds, a key
// nobody presses three times alone while typing in a form (Esc was, and threw parents out of half-filled forms).
// If Back brings the tab to one of our pages after a quick exit (the browser may keep earlier pages), the page hides
// itself and leaves again, so nobody sees where the parent was.
(function () {
  'use strict'
  var link = document.querySelector('[data-quick-exit]')
  if (!link) return
  var destination = link.getAttribute('href')
  var exitedKey = 'quick-exit-at'
  // How long after a quick exit a page reached by Back or Forward leaves again.
  var rememberMs = 60 * 60 * 1000

  function signOutQuietly() {
    var form = document.querySelector('form[data-sign-out]')
    if (!form || !navigator.sendBeacon) return
    // A beacon outlives the page it was sent from; the form's own CSRF token goes with it.
    navigator.sendBeacon(form.action, new URLSearchParams(new FormData(form)))
  }

  function remember() {
    try {
      window.sessionStorage.setItem(exitedKey, String(Date.now()))
    } catch (ignored) {
      // Storage may be refused (private modes, settings); the exit itself still works.
    }
  }

  function exitedRecently() {
    try {
      var at = Number(window.sessionStorage.getItem(exitedKey))
      return at > 0 && Date.now() - at < rememberMs
    } catch (ignored) {
      return false
    }
  }

  function leave(event) {
    if (event) event.preventDefault()
    document.body.hidden = true
    remember()
    signOutQuietly()
    window.location.replace(destination)
  }

  function cameByHistory(event) {
    if (event && event.persisted) return true
    var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType('navigation') : []
    return entries.length > 0 && entries[0].type === 'back_forward'
  }

  // A page restored from the back/forward cache fires pageshow with persisted; one loaded again from the server
  // after Back is a back_forward navigation. Either way, after a quick exit it leaves at once. A page the parent
  // opens on purpose (a link, a typed address) starts afresh.
  window.addEventListener('pageshow', function (event) {
    if (cameByHistory(event) && exitedRecently()) return leave()
    if (!cameByHistory(event)) {
      try {
        window.sessionStorage.removeItem(exitedKey)
      } catch (ignored) {
        // Nothing remembered, nothing to forget.
      }
    }
  })

  link.addEventListener('click', leave)

  var shiftPresses = 0
  var resetTimer = null
  var otherKeyWhileShift = false
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Shift') return
    // Shift as part of typing (a capital letter) or any other key starts the count again.
    otherKeyWhileShift = event.shiftKey
    shiftPresses = 0
  })
  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift') return
    if (otherKeyWhileShift) {
      otherKeyWhileShift = false
      return
    }
    shiftPresses += 1
    window.clearTimeout(resetTimer)
    resetTimer = window.setTimeout(function () {
      shiftPresses = 0
    }, 5000)
    if (shiftPresses >= 3) {
      shiftPresses = 0
      leave()
    }
  })
})()
