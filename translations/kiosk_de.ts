<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccessibleHeader</name>
    <message>
        <source>Accessible mode: everything to tap is in the lower part.</source>
        <translation>Barrierefreier Modus: Alles zum Antippen ist im unteren Teil.</translation>
    </message>
</context>
<context>
    <name>AdminFlow</name>
    <message>
        <source>Hold a QR code or barcode up to the camera.</source>
        <translation>Halten Sie einen QR-Code oder Strichcode vor die Kamera.</translation>
    </message>
    <message>
        <source>Camera test</source>
        <translation>Kameratest</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Gelesen: %1</translation>
    </message>
    <message>
        <source>Read, but refused: %1</source>
        <translation>Gelesen, aber abgelehnt: %1</translation>
    </message>
    <message>
        <source>No camera: %1</source>
        <translation>Keine Kamera: %1</translation>
    </message>
    <message>
        <source>Maintenance PIN</source>
        <translation>Wartungs-PIN</translation>
    </message>
    <message>
        <source>Staff only.</source>
        <translation>Nur für Personal.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Too many wrong PINs.</source>
        <translation>Zu viele falsche PINs.</translation>
    </message>
    <message>
        <source>The admin panel is not set up on this locker.</source>
        <translation>Das Wartungsmenü ist an diesem Automaten nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Falsche PIN.</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Türen</translation>
    </message>
    <message>
        <source>Open all doors</source>
        <translation>Alle Türen öffnen</translation>
    </message>
    <message>
        <source>Locker back in service</source>
        <translation>Automat wieder in Betrieb</translation>
    </message>
    <message>
        <source>Locker out of service</source>
        <translation>Automat außer Betrieb</translation>
    </message>
    <message>
        <source>Tap a door to open it or take it out of service.</source>
        <translation>Tippen Sie auf eine Tür, um sie zu öffnen oder außer Betrieb zu nehmen.</translation>
    </message>
    <message>
        <source>■ closed  ▲ open  ? unknown</source>
        <translation>■ geschlossen  ▲ offen  ? unbekannt</translation>
    </message>
    <message>
        <source>● occupied  ○ empty  ✕ out of service</source>
        <translation>● belegt  ○ leer  ✕ außer Betrieb</translation>
    </message>
    <message>
        <source>Open all doors?</source>
        <translation>Alle Türen öffnen?</translation>
    </message>
    <message>
        <source>Every door opens, one after the other. Parcels inside become reachable. Stay at the locker until all doors are closed again.</source>
        <translation>Alle Türen öffnen sich nacheinander. Pakete darin werden zugänglich. Bleiben Sie am Automaten, bis alle Türen wieder geschlossen sind.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Scanner test: %1</source>
        <translation>Scannertest: %1</translation>
    </message>
    <message>
        <source>scan any code</source>
        <translation>beliebigen Code scannen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Restart kiosk</source>
        <translation>Kiosk neu starten</translation>
    </message>
    <message>
        <source>Stop kiosk
(console until started again)</source>
        <translation>Kiosk beenden
(Konsole, bis er wieder gestartet wird)</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Größe: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zu</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>occupied</source>
        <translation>belegt</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>Door: %1</source>
        <translation>Tür: %1</translation>
    </message>
    <message>
        <source>Item sensor: %1</source>
        <translation>Belegungssensor: %1</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>In Betrieb</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation>Letzte Ereignisse:</translation>
    </message>
    <message>
        <source>none recorded since the kiosk started</source>
        <translation>keine seit dem Start des Kiosks</translation>
    </message>
    <message>
        <source>Compartment %1</source>
        <translation>Fach %1</translation>
    </message>
    <message>
        <source>Open door</source>
        <translation>Tür öffnen</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>Außer Betrieb nehmen</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Wieder in Betrieb</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Serial boards</source>
        <translation>Serielle Platinen</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>On-site settings</source>
        <translation>Einstellungen vor Ort</translation>
    </message>
    <message>
        <source>Default language, idle timeout and board kind for this locker.</source>
        <translation>Standardsprache, Zeitlimit bei Inaktivität und Platinenart für diesen Automaten.</translation>
    </message>
    <message>
        <source>They override the backend and the config file; a board change takes effect after a restart.</source>
        <translation>Sie gehen dem Backend und der Konfigurationsdatei vor; eine andere Platinenart gilt nach einem Neustart.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Close the door when you are done.</source>
        <translation>Schließen Sie die Tür, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <source>Door closed</source>
        <translation>Tür geschlossen</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Tür %1 ist geschlossen.</translation>
    </message>
    <message>
        <source>Next door</source>
        <translation>Nächste Tür</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Back to the panel</source>
        <translation>Zurück zum Menü</translation>
    </message>
    <message>
        <source>This door is not in the layout.</source>
        <translation>Diese Tür ist nicht im Plan des Automaten.</translation>
    </message>
    <message>
        <source>Door %1 is out of service.</source>
        <translation>Tür %1 ist außer Betrieb.</translation>
    </message>
    <message>
        <source>Door %1 is in service.</source>
        <translation>Tür %1 ist in Betrieb.</translation>
    </message>
    <message>
        <source>The locker is out of service once you close the panel.</source>
        <translation>Der Automat ist außer Betrieb, sobald Sie das Menü schließen.</translation>
    </message>
    <message>
        <source>The locker is back in service.</source>
        <translation>Der Automat ist wieder in Betrieb.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>%1 of %2 doors opened.</source>
        <translation>%1 von %2 Türen geöffnet.</translation>
    </message>
    <message>
        <source>Did not open: %1</source>
        <translation>Nicht geöffnet: %1</translation>
    </message>
    <message>
        <source>Opening door %1 of %2…</source>
        <translation>Öffne Tür %1 von %2…</translation>
    </message>
    <message>
        <source>Opening all doors</source>
        <translation>Alle Türen werden geöffnet</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Door %1: %2</source>
        <translation>Tür %1: %2</translation>
    </message>
</context>
<context>
    <name>AppOpenFlow</name>
    <message>
        <source>Door %1 is open for your app</source>
        <translation>Fach %1 ist für Ihre App geöffnet</translation>
    </message>
    <message>
        <source>%1, please put your parcel in and close the door firmly.</source>
        <translation>%1, bitte legen Sie Ihr Paket hinein und schließen Sie die Tür fest.</translation>
    </message>
    <message>
        <source>Please put your parcel in and close the door firmly.</source>
        <translation>Bitte legen Sie Ihr Paket hinein und schließen Sie die Tür fest.</translation>
    </message>
    <message>
        <source>%1, please take your parcel and close the door firmly.</source>
        <translation>%1, bitte entnehmen Sie Ihr Paket und schließen Sie die Tür fest.</translation>
    </message>
    <message>
        <source>Please take your parcel and close the door firmly.</source>
        <translation>Bitte entnehmen Sie Ihr Paket und schließen Sie die Tür fest.</translation>
    </message>
    <message>
        <source>Door %1 was opened by customer service</source>
        <translation>Fach %1 wurde vom Kundenservice geöffnet</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Schließen Sie die Tür fest, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>CameraScreen</name>
    <message>
        <source>Type the code instead</source>
        <translation>Code stattdessen eintippen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Kamera wird gestartet…</translation>
    </message>
</context>
<context>
    <name>CodeEntry</name>
    <message>
        <source>Scanning with the camera is not available here. Please type your code.</source>
        <translation>Scannen mit der Kamera ist hier nicht möglich. Bitte tippen Sie Ihren Code ein.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s).</source>
        <translation>
            <numerusform>Zu viele Versuche. Bitte warten Sie %n Sekunde.</numerusform>
            <numerusform>Zu viele Versuche. Bitte warten Sie %n Sekunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n digit(s).</source>
        <translation>
            <numerusform>Der Code hat %n Ziffer.</numerusform>
            <numerusform>Der Code hat %n Ziffern.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n letter(s) or digit(s).</source>
        <translation>
            <numerusform>Der Code hat %n Buchstaben oder Ziffer.</numerusform>
            <numerusform>Der Code hat %n Buchstaben oder Ziffern.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Halten Sie den Code vor die Kamera</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>Den QR-Code oder Barcode aus Ihrer Nachricht, etwa 20 cm entfernt.</translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Scan instead</source>
        <translation>Stattdessen scannen</translation>
    </message>
    <message>
        <source>Open my door</source>
        <translation>Fach öffnen</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait %1.</source>
        <translation>Zu viele Versuche. Bitte warten Sie %1.</translation>
    </message>
</context>
<context>
    <name>CodeProblems</name>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Wrong code</source>
        <translation>Falscher Code</translation>
    </message>
    <message>
        <source>Please check the code in your message.</source>
        <translation>Bitte prüfen Sie den Code in Ihrer Nachricht.</translation>
    </message>
    <message>
        <source>Wrong courier ID or PIN</source>
        <translation>Falsche Kurier-ID oder PIN</translation>
    </message>
    <message>
        <source>Please check and try again.</source>
        <translation>Bitte prüfen Sie die Eingabe und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This courier account is locked</source>
        <translation>Dieses Kurierkonto ist gesperrt</translation>
    </message>
    <message>
        <source>Please contact your dispatcher.</source>
        <translation>Bitte wenden Sie sich an Ihre Disposition.</translation>
    </message>
    <message>
        <source>This code has expired</source>
        <translation>Dieser Code ist abgelaufen</translation>
    </message>
    <message>
        <source>Your parcel was returned. Please contact the sender.</source>
        <translation>Ihr Paket wurde zurückgeschickt. Bitte wenden Sie sich an den Absender.</translation>
    </message>
    <message>
        <source>This parcel was already collected</source>
        <translation>Dieses Paket wurde bereits abgeholt</translation>
    </message>
    <message>
        <source>If this was not you, please contact customer service.</source>
        <translation>Falls Sie das nicht waren, wenden Sie sich bitte an den Kundenservice.</translation>
    </message>
    <message>
        <source>This code was already used</source>
        <translation>Dieser Code wurde bereits verwendet</translation>
    </message>
    <message>
        <source>Each drop-off code works once.</source>
        <translation>Jeder Abgabecode gilt nur einmal.</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>Sie können es jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>The wait is over.</source>
        <translation>Die Wartezeit ist vorbei.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Zu viele Versuche</translation>
    </message>
    <message>
        <source>This locker is offline</source>
        <translation>Dieser Automat ist offline</translation>
    </message>
    <message>
        <source>It cannot check this code until it is back online. Please try again later. Nothing was used up.</source>
        <translation>Er kann diesen Code erst prüfen, wenn er wieder online ist. Bitte versuchen Sie es später noch einmal. Es wurde nichts verbraucht.</translation>
    </message>
    <message>
        <source>Please wait %1 and try again.</source>
        <translation>Bitte warten Sie %1 und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>We could not check your code right now</source>
        <translation>Ihr Code konnte gerade nicht geprüft werden</translation>
    </message>
    <message>
        <source>Please try again in a moment. Your code was not used up.</source>
        <translation>Bitte versuchen Sie es gleich noch einmal. Ihr Code ist weiterhin gültig.</translation>
    </message>
</context>
<context>
    <name>CourierFlow</name>
    <message>
        <source>Scanning with the camera is not available here. Please type your ID.</source>
        <translation>Scannen mit der Kamera ist hier nicht möglich. Bitte geben Sie Ihre ID ein.</translation>
    </message>
    <message>
        <source>That was not a courier badge.</source>
        <translation>Das war kein Kurierausweis.</translation>
    </message>
    <message>
        <source>Courier login</source>
        <translation>Kurier-Anmeldung</translation>
    </message>
    <message>
        <source>Type your courier ID, or scan your badge.</source>
        <translation>Geben Sie Ihre Kurier-ID ein oder scannen Sie Ihren Ausweis.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>Geben Sie Ihre PIN ein</translation>
    </message>
    <message>
        <source>Courier ID: %1</source>
        <translation>Kurier-ID: %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Hold your badge up to the camera</source>
        <translation>Halten Sie Ihren Ausweis vor die Kamera</translation>
    </message>
    <message>
        <source>The barcode on your courier badge, about 20 cm away.</source>
        <translation>Den Barcode auf Ihrem Kurierausweis, etwa 20 cm entfernt.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Your session has ended</source>
        <translation>Ihre Sitzung ist beendet</translation>
    </message>
    <message>
        <source>Please log in again to go on.</source>
        <translation>Bitte melden Sie sich erneut an, um weiterzumachen.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation>Ihre Aufträge werden geladen…</translation>
    </message>
    <message>
        <source>The task list could not be loaded. Please try again.</source>
        <translation>Die Auftragsliste konnte nicht geladen werden. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Scan the next parcel</source>
        <translation>Nächstes Paket scannen</translation>
    </message>
    <message>
        <source>The right door opens at once. Scan the next while it is open.</source>
        <translation>Das passende Fach öffnet sofort. Scannen Sie das nächste Paket, während es offen ist.</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>Type the barcode</source>
        <translation>Barcode eingeben</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Type the parcel barcode</source>
        <translation>Barcode des Pakets eingeben</translation>
    </message>
    <message>
        <source>The letters and digits under the barcode.</source>
        <translation>Die Buchstaben und Ziffern unter dem Barcode.</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Zustellen</translation>
    </message>
    <message>
        <source>Parcel %1 is already delivered.</source>
        <translation>Paket %1 ist bereits zugestellt.</translation>
    </message>
    <message>
        <source>Parcel %1 is not on your list for this locker.</source>
        <translation>Paket %1 steht für diese Station nicht auf Ihrer Liste.</translation>
    </message>
    <message>
        <source>No free compartment fits parcel %1 (size %2). It stays in the van.</source>
        <translation>Kein freies Fach passt für Paket %1 (Größe %2). Es bleibt im Fahrzeug.</translation>
    </message>
    <message>
        <source>Compartment %1 is not empty. It is now out of service.</source>
        <translation>Fach %1 ist nicht leer. Es ist jetzt außer Betrieb.</translation>
    </message>
    <message>
        <source>Parcel %1 could not be booked in. Please scan it again.</source>
        <translation>Paket %1 konnte nicht eingebucht werden. Bitte scannen Sie es erneut.</translation>
    </message>
    <message>
        <source>Put the parcel in and close the door.</source>
        <translation>Legen Sie das Paket hinein und schließen Sie die Tür.</translation>
    </message>
    <message>
        <source>Parcel %1 · size %2</source>
        <translation>Paket %1 · Größe %2</translation>
    </message>
    <message>
        <source>Doesn&apos;t fit</source>
        <translation>Passt nicht</translation>
    </message>
    <message>
        <source>Door is broken</source>
        <translation>Tür ist defekt</translation>
    </message>
    <message>
        <source>Use another door</source>
        <translation>Anderes Fach nehmen</translation>
    </message>
    <message>
        <source>Parcel %1 is in compartment %2.</source>
        <translation>Paket %1 liegt in Fach %2.</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Another one opens.</source>
        <translation>Fach %1 ist jetzt außer Betrieb. Ein anderes öffnet sich.</translation>
    </message>
    <message>
        <source>Door %1 was left open. Please close it.</source>
        <translation>Fach %1 wurde offen gelassen. Bitte schließen Sie es.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Bitte schließen Sie Fach %1</translation>
    </message>
    <message>
        <source>Take the parcel back out and close the door. The next door opens then.</source>
        <translation>Nehmen Sie das Paket wieder heraus und schließen Sie die Tür. Dann öffnet sich das nächste Fach.</translation>
    </message>
    <message numerus="yes">
        <source>%n more parcel(s) scanned</source>
        <translation>
            <numerusform>%n weiteres Paket gescannt</numerusform>
            <numerusform>%n weitere Pakete gescannt</numerusform>
        </translation>
    </message>
    <message>
        <source>Expired parcel</source>
        <translation>Abgelaufenes Paket</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retoure</translation>
    </message>
    <message>
        <source>Sent parcel</source>
        <translation>Versandpaket</translation>
    </message>
    <message>
        <source>Collect from compartment %1</source>
        <translation>Aus Fach %1 abholen</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>abzuholen</translation>
    </message>
    <message>
        <source>Open door %1</source>
        <translation>Fach %1 öffnen</translation>
    </message>
    <message>
        <source>Collect all</source>
        <translation>Alle abholen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Take the parcel out and close the door.</source>
        <translation>Nehmen Sie das Paket heraus und schließen Sie die Tür.</translation>
    </message>
    <message>
        <source>Door %1 was not collected.</source>
        <translation>Fach %1 wurde nicht geleert.</translation>
    </message>
    <message>
        <source>Next: compartment %1</source>
        <translation>Als Nächstes: Fach %1</translation>
    </message>
    <message>
        <source>The next door opens in a moment.</source>
        <translation>Das nächste Fach öffnet sich gleich.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Broken door</source>
        <translation>Tür defekt</translation>
    </message>
    <message>
        <source>Dirty / damaged</source>
        <translation>Verschmutzt / beschädigt</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <source>Compartment %1: what is wrong?</source>
        <translation>Fach %1: Was ist defekt?</translation>
    </message>
    <message>
        <source>Tap the compartment on the picture.</source>
        <translation>Tippen Sie auf das Fach im Bild.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Saving your report…</source>
        <translation>Ihre Meldung wird gespeichert…</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Thank you.</source>
        <translation>Fach %1 ist jetzt außer Betrieb. Vielen Dank.</translation>
    </message>
</context>
<context>
    <name>CourierHomeScreen</name>
    <message>
        <source>Hello, %1</source>
        <translation>Hallo, %1</translation>
    </message>
    <message>
        <source>to deliver here</source>
        <translation>hier zuzustellen</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>abzuholen</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Zustellen</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>Abholen</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Abmelden</translation>
    </message>
</context>
<context>
    <name>DoorCycle</name>
    <message>
        <source>Opening door %1…</source>
        <extracomment>The answer &quot;Door did not open?&quot; on the open door&apos;s screen (``DoorJob.offer_not_open``).</extracomment>
        <translation>Fach %1 wird geöffnet…</translation>
    </message>
    <message>
        <source>The door marked on the picture opens in a moment.</source>
        <translation>Die im Bild markierte Tür öffnet sich gleich.</translation>
    </message>
    <message>
        <source>Door %1 did not open</source>
        <translation>Fach %1 hat sich nicht geöffnet</translation>
    </message>
    <message>
        <source>Please try again. If it still does not open, we will help you.</source>
        <translation>Bitte versuchen Sie es erneut. Wenn es sich weiterhin nicht öffnet, helfen wir Ihnen.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>Hilfe holen</translation>
    </message>
    <message>
        <source>Door %1 should be open</source>
        <translation>Fach %1 sollte offen sein</translation>
    </message>
    <message>
        <source>Its lock is released: pull the door gently, it may be stuck. Still shut? Tap “Try again”.</source>
        <translation>Das Schloss ist entriegelt: Ziehen Sie die Tür vorsichtig auf, sie klemmt vielleicht. Immer noch zu? Tippen Sie auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>If the door opens after all, close it again when you are done.</source>
        <translation>Falls die Tür doch aufgeht: Schließen Sie sie bitte wieder, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <source>We are sorry</source>
        <translation>Das tut uns leid</translation>
    </message>
    <message>
        <source>Your parcel stays safe. Please contact customer service.</source>
        <translation>Ihr Paket bleibt sicher verwahrt. Bitte wenden Sie sich an den Kundenservice.</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Zurück zum Start</translation>
    </message>
    <message>
        <source>Door did not open?</source>
        <translation>Tür nicht aufgegangen?</translation>
    </message>
    <message>
        <source>Door %1 is open</source>
        <translation>Fach %1 ist offen</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Schließen Sie die Tür fest, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Bitte schließen Sie Fach %1</translation>
    </message>
    <message>
        <source>The door is still open. Push it shut until it clicks.</source>
        <translation>Die Tür ist noch offen. Drücken Sie sie zu, bis sie einrastet.</translation>
    </message>
    <message>
        <source>Door %1 closed</source>
        <translation>Fach %1 geschlossen</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>Erneut öffnen</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Fach %1 ist geschlossen.</translation>
    </message>
    <message>
        <source>Is your parcel still inside?</source>
        <translation>Ist Ihr Paket noch im Fach?</translation>
    </message>
    <message>
        <source>The sensor in door %1 still sees something inside.</source>
        <translation>Der Sensor in Fach %1 erkennt noch etwas darin.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Vielen Dank!</translation>
    </message>
    <message>
        <source>Door %1 is closed. Closed it by mistake? Tap “Open again”.</source>
        <translation>Fach %1 ist geschlossen. Versehentlich geschlossen? Tippen Sie auf „Erneut öffnen“.</translation>
    </message>
</context>
<context>
    <name>DoorScreen</name>
    <message>
        <source>Bottom row</source>
        <extracomment>Fill and outline per cell state on a door grid (courier, admin).</extracomment>
        <translation>Unterste Reihe</translation>
    </message>
    <message>
        <source>Top row</source>
        <translation>Oberste Reihe</translation>
    </message>
    <message>
        <source>Row %1 from the bottom</source>
        <translation>Reihe %1 von unten</translation>
    </message>
    <message>
        <source>Row %1 from the top</source>
        <translation>Reihe %1 von oben</translation>
    </message>
    <message>
        <source>column %1 from the left</source>
        <translation>Spalte %1 von links</translation>
    </message>
    <message>
        <source>column %1 from the right</source>
        <translation>Spalte %1 von rechts</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <source>Locker %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>Referenz %1</translation>
    </message>
    <message>
        <source>Accessible mode</source>
        <translation>Barrierefreier Modus</translation>
    </message>
    <message>
        <source>Code on your phone? Hold it under the scanner below the screen.</source>
        <translation>Code auf dem Handy? Halten Sie ihn unter den Scanner unter dem Bildschirm.</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Welcome! What would you like to do?</source>
        <translation>Willkommen! Was möchten Sie tun?</translation>
    </message>
    <message>
        <source>Pick up a parcel</source>
        <translation>Paket abholen</translation>
    </message>
    <message>
        <source>Send or return</source>
        <translation>Senden oder zurückschicken</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Kurier</translation>
    </message>
    <message>
        <source>Locker %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <source>Open with the app</source>
        <translation>Mit der App öffnen</translation>
    </message>
    <message>
        <source>Demo codes</source>
        <translation>Demo-Codes</translation>
    </message>
    <message>
        <source>Demo pickup codes</source>
        <translation>Demo-Abholcodes</translation>
    </message>
    <message>
        <source>send, size %1</source>
        <translation>Versand, Größe %1</translation>
    </message>
    <message>
        <source>return, size %1</source>
        <translation>Rücksendung, Größe %1</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Maintenance in progress.</source>
        <translation>Wartung läuft.</translation>
    </message>
    <message>
        <source>The locker is starting up. Please try again in a minute.</source>
        <translation>Die Station startet gerade. Bitte versuchen Sie es in einer Minute noch einmal.</translation>
    </message>
    <message>
        <source>The doors cannot be opened right now.</source>
        <translation>Die Fächer können gerade nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>Sprache wählen</translation>
    </message>
</context>
<context>
    <name>NoticeFlow</name>
    <message>
        <source>Back to start</source>
        <translation>Zurück zum Start</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Not available at this locker</source>
        <translation>An dieser Station nicht verfügbar</translation>
    </message>
    <message>
        <source>This service is not offered here yet. Please use the operator&apos;s app.</source>
        <translation>Dieser Dienst wird hier noch nicht angeboten. Bitte nutzen Sie die App des Betreibers.</translation>
    </message>
    <message>
        <source>This code is not for this locker</source>
        <translation>Dieser Code gehört nicht zu dieser Station</translation>
    </message>
    <message>
        <source>Please scan the code from your pickup or drop-off message, or tap a button to start.</source>
        <translation>Bitte scannen Sie den Code aus Ihrer Abhol- oder Abgabenachricht oder tippen Sie auf eine Schaltfläche.</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This locker is temporarily out of service</source>
        <translation>Diese Packstation ist vorübergehend außer Betrieb</translation>
    </message>
    <message>
        <source>We are sorry. Please try again later or use another locker nearby.</source>
        <translation>Das tut uns leid. Bitte versuchen Sie es später noch einmal oder nutzen Sie eine Station in der Nähe.</translation>
    </message>
</context>
<context>
    <name>PhoneEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Your number shows the parcel is yours. Tap the country code to change it.</source>
        <translation>Ihre Nummer zeigt, dass das Paket Ihnen gehört. Tippen Sie auf die Landesvorwahl, um sie zu ändern.</translation>
    </message>
</context>
<context>
    <name>PickupFlow</name>
    <message>
        <source>Wrong code</source>
        <translation>Falscher Code</translation>
    </message>
    <message>
        <source>Please check the code in your message. 2 attempts left.</source>
        <translation>Bitte prüfen Sie den Code in Ihrer Nachricht. Noch 2 Versuche.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enter your pickup code</source>
        <translation>Abholcode eingeben</translation>
    </message>
    <message>
        <source>You find it in the text message or e-mail about your parcel.</source>
        <translation>Sie finden ihn in der SMS oder E-Mail zu Ihrem Paket.</translation>
    </message>
    <message>
        <source>Enter your phone number</source>
        <translation>Telefonnummer eingeben</translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Halten Sie den Code vor die Kamera</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>Den QR-Code oder Barcode aus Ihrer Nachricht, etwa 20 cm entfernt.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Code wird geprüft…</translation>
    </message>
    <message>
        <source>Take your parcel and close the door firmly.</source>
        <translation>Entnehmen Sie Ihr Paket und schließen Sie die Tür fest.</translation>
    </message>
    <message>
        <source>That was not a pickup code.</source>
        <translation>Das war kein Abholcode.</translation>
    </message>
    <message>
        <source>Parcel %1 of %2</source>
        <translation>Paket %1 von %2</translation>
    </message>
    <message>
        <source>Open the next door</source>
        <translation>Nächstes Fach öffnen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Welcome. To pick up a parcel, tap the yellow button. To send or return one, tap the dark button next to it.</source>
        <extracomment>The spoken prompt of each screen (translated like every text; the context ``Prompt`` is what ``packaging/make-prompts`` reads from each catalogue).</extracomment>
        <translation>Willkommen. Um ein Paket abzuholen, tippen Sie auf die gelbe Schaltfläche. Um eines zu versenden oder zurückzuschicken, tippen Sie auf die dunkle Schaltfläche daneben.</translation>
    </message>
    <message>
        <source>Type the code from your message on the keypad, then tap Open my door.</source>
        <translation>Geben Sie den Code aus Ihrer Nachricht ein und tippen Sie dann auf Fach öffnen.</translation>
    </message>
    <message>
        <source>Type your phone number, then tap Continue.</source>
        <translation>Geben Sie Ihre Telefonnummer ein und tippen Sie dann auf Weiter.</translation>
    </message>
    <message>
        <source>Hold the code from your message up to the camera.</source>
        <translation>Halten Sie den Code aus Ihrer Nachricht vor die Kamera.</translation>
    </message>
    <message>
        <source>Your door is open. The screen shows where it is. Close it when you are done.</source>
        <translation>Ihr Fach ist offen. Der Bildschirm zeigt, wo es ist. Schließen Sie es, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <source>Thank you. Please take a photo of your receipt.</source>
        <translation>Vielen Dank. Bitte fotografieren Sie Ihren Beleg.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Receipt</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>Fach</translation>
    </message>
</context>
<context>
    <name>RemoteControl</name>
    <message>
        <source>This locker is out of service. We are sorry for the inconvenience.</source>
        <translation>Dieser Paketautomat ist außer Betrieb. Wir bitten um Entschuldigung.</translation>
    </message>
</context>
<context>
    <name>SendFlow</name>
    <message>
        <source>Thank you! Your parcel is in the locker</source>
        <translation>Vielen Dank! Ihr Paket ist im Fach</translation>
    </message>
    <message>
        <source>Take a photo of this receipt.</source>
        <translation>Fotografieren Sie diesen Beleg.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Enter your drop-off code</source>
        <extracomment>The customer asked for accessible mode: a low (accessible) compartment first.</extracomment>
        <translation>Abgabecode eingeben</translation>
    </message>
    <message>
        <source>You got it from the carrier or the shop, to send or return.</source>
        <translation>Sie haben ihn vom Paketdienst oder vom Shop erhalten – zum Versenden oder Zurückschicken.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door.</source>
        <translation>Legen Sie Ihr Paket hinein und schließen Sie die Tür.</translation>
    </message>
    <message>
        <source>Larger compartment</source>
        <translation>Größeres Fach</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Nothing was sent</source>
        <translation>Es wurde nichts abgegeben</translation>
    </message>
    <message>
        <source>Please close the door. Your code was not used up.</source>
        <translation>Bitte schließen Sie die Tür. Ihr Code bleibt gültig.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>There is no larger compartment free</source>
        <translation>Es ist kein größeres Fach frei</translation>
    </message>
    <message>
        <source>Please take your parcel with you. Your code was not used up.</source>
        <translation>Bitte nehmen Sie Ihr Paket wieder mit. Ihr Code bleibt gültig.</translation>
    </message>
    <message>
        <source>That was not a drop-off code.</source>
        <translation>Das war kein Abgabecode.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Code wird geprüft…</translation>
    </message>
    <message>
        <source>Please ask the carrier or the shop for a new code.</source>
        <translation>Bitte fragen Sie beim Paketdienst oder im Shop nach einem neuen Code.</translation>
    </message>
    <message>
        <source>Finding a compartment for your parcel…</source>
        <translation>Wir suchen ein Fach für Ihr Paket…</translation>
    </message>
    <message>
        <source>No other compartment of this size is free</source>
        <translation>Kein anderes Fach dieser Größe ist frei</translation>
    </message>
    <message>
        <source>Please try again later.</source>
        <translation>Bitte versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <source>The locker is full for a parcel of this size</source>
        <translation>Für ein Paket dieser Größe ist kein Fach frei</translation>
    </message>
    <message>
        <source>Please try again later or at another locker. Your code was not used up.</source>
        <translation>Bitte versuchen Sie es später oder an einer anderen Packstation. Ihr Code bleibt gültig.</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door. Please also close door %1.</source>
        <translation>Legen Sie Ihr Paket hinein und schließen Sie die Tür. Bitte schließen Sie auch Fach %1.</translation>
    </message>
    <message>
        <source>Your parcel is in the locker</source>
        <translation>Ihr Paket ist im Fach</translation>
    </message>
    <message>
        <source>Door %1 is closed. Forgot something? Tap “Open again”. Your receipt follows.</source>
        <translation>Fach %1 ist geschlossen. Etwas vergessen? Tippen Sie auf „Erneut öffnen“. Danach erhalten Sie Ihren Beleg.</translation>
    </message>
    <message>
        <source>Show my receipt</source>
        <translation>Beleg anzeigen</translation>
    </message>
    <message>
        <source>Use another compartment</source>
        <translation>Anderes Fach nehmen</translation>
    </message>
    <message>
        <source>Please close doors %1 and %2. Your code was not used up.</source>
        <translation>Bitte schließen Sie die Fächer %1 und %2. Ihr Code bleibt gültig.</translation>
    </message>
    <message>
        <source>Please close door %1. Your code was not used up.</source>
        <translation>Bitte schließen Sie Fach %1. Ihr Code bleibt gültig.</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Simulated lockers</source>
        <translation>Simulierte Fächer</translation>
    </message>
    <message>
        <source>Close door</source>
        <translation>Tür schließen</translation>
    </message>
    <message>
        <source>Item in</source>
        <translation>Paket rein</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Blockieren</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zu</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>item</source>
        <translation>belegt</translation>
    </message>
    <message>
        <source>jammed</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>Item out</source>
        <translation>Paket raus</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Lösen</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The kiosk could not start. For the technician: %1</source>
        <translation>Das Terminal konnte nicht starten. Für die Technik: %1</translation>
    </message>
    <message>
        <source>see the log</source>
        <translation>siehe Protokoll</translation>
    </message>
</context>
</TS>
