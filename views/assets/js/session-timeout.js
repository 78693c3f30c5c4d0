// The idle-timeout warning (WCAG 2.2.1): two minutes before the server will end the session, a dialog says so and
// offers to stay signed in. The server decides: before warning, this asks how much time is really left (another
// tab may have kept the session alive), and "stay signed in" is a request that counts as activity.
(function () {
  'use strict'
  var dialog = document.querySelector('[data-session-timeout]')
  var opener = document.querySelector('[data-session-timeout-opener]')
  // USWDS builds the dialog when the document has loaded, after this script: the name it moves to its role="dialog"
  // wrapper is given here, since in the HTML a div without a role may not carry one.
  if (dialog && dialog.hasAttribute('data-labelledby')) dialog.setAttribute('aria-labelledby', dialog.getAttribute('data-labelledby'))
  if (!dialog || !opener || !window.fetch) return
  var warningSeconds = Number(dialog.getAttribute('data-warning-seconds'))
  var countdown = dialog.querySelector('[data-session-countdown]')
  var stayForm = dialog.querySelector('[data-stay-signed-in]')
  var signOutForm = dialog.querySelector('[data-sign-out-now]')
  var endedUrl = dialog.getAttribute('data-ended-url')
  var statusUrl = dialog.getAttribute('data-status-url')
  var lang = document.documentElement.lang || 'en'
  var warningTimer = null
  var tickTimer = null
  var endsAt = 0

  function isOpen() {
    return document.body.classList.contains('usa-js-modal--active')
  }

  function schedule(secondsLeft) {
    clearTimeout(warningTimer)
    endsAt = Date.now() + secondsLeft * 1000
    warningTimer = setTimeout(checkBeforeWarning, Math.max(0, secondsLeft - warningSeconds) * 1000)
  }

  function checkBeforeWarning() {
    fetch(statusUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : { signedIn: false, secondsLeft: 0 } })
      .then(function (status) {
        if (!status.signedIn || status.secondsLeft <= 0) return leave()
        if (status.secondsLeft > warningSeconds + 5) return schedule(status.secondsLeft)
        endsAt = Date.now() + status.secondsLeft * 1000
        warn()
      })
      // When the server cannot be asked, the page's own count is the best there is: warn on it.
      .catch(warn)
  }

  var focusBeforeWarning = null

  // Quick exit stays within reach while the warning is open: drawn above the overlay (app.css) and left visible to
  // assistive technology, where USWDS hides everything outside the dialog.
  function keepQuickExitReachable() {
    var quickExit = document.querySelector('.quick-exit')
    if (quickExit) quickExit.removeAttribute('aria-hidden')
  }

  function warn() {
    tick()
    if (!isOpen()) {
      focusBeforeWarning = document.activeElement
      opener.click()
      keepQuickExitReachable()
    }
    clearInterval(tickTimer)
    tickTimer = setInterval(tick, 1000)
  }

  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000))
    if (left === 0) return leave()
    var minutes = Math.floor(left / 60)
    var seconds = left % 60
    countdown.textContent = format(minutes, seconds)
  }

  function format(minutes, seconds) {
    var parts = []
    var numberFormat = new Intl.NumberFormat(lang)
    if (minutes > 0) parts.push(numberFormat.format(minutes) + ' ' + unit(minutes, 'minute'))
    if (seconds > 0 || minutes === 0) parts.push(numberFormat.format(seconds) + ' ' + unit(seconds, 'second'))
    return parts.join(' ') + '.'
  }

  function unit(value, name) {
    var words = dialog.getAttribute('data-unit-' + name + (value === 1 ? '' : 's'))
    return words || name + (value === 1 ? '' : 's')
  }

  // The session ends by the sign-out form's POST (with its CSRF token): the signed-out page itself never ends one,
  // so a page whose count ran a little ahead of the server's still leaves nobody signed in behind it.
  function leave() {
    clearInterval(tickTimer)
    clearTimeout(warningTimer)
    var goToEnded = function () { window.location.assign(endedUrl) }
    if (!signOutForm) return goToEnded()
    fetch(signOutForm.action, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(signOutForm)).toString(),
    }).then(goToEnded, goToEnded)
  }

  // The "stay signed in" button carries data-close-modal, so USWDS has closed the dialog by the time the form is
  // submitted; focus goes back where the parent was, not to the hidden opener.
  function afterDialogClosed() {
    clearInterval(tickTimer)
    if (focusBeforeWarning && focusBeforeWarning.focus) focusBeforeWarning.focus()
    focusBeforeWarning = null
  }

  stayForm.addEventListener('submit', function (event) {
    event.preventDefault()
    fetch(stayForm.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(stayForm)).toString(),
    })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response) })
      .then(function (status) {
        afterDialogClosed()
        schedule(status.secondsLeft)
      })
      .catch(function () { stayForm.submit() })
  })

  // Esc answers the warning the gentle way: it keeps the parent signed in, as GOV.UK's timeout warning does (USWDS
  // ignores Esc on a dialog that asks for an action). Quick exit is never on Esc.
  var stayButton = stayForm.querySelector('button[type="submit"]')
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || !isOpen()) return
    event.preventDefault()
    stayButton.click()
  })

  schedule(Number(dialog.getAttribute('data-idle-seconds')))
})()
