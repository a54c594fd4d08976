<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AccessibleHeader</name>
    <message>
        <source>Accessible mode: everything to tap is in the lower part.</source>
        <translation>Toegankelijke modus: alles om op te tikken zit onderaan.</translation>
    </message>
</context>
<context>
    <name>AdminFlow</name>
    <message>
        <source>Hold a QR code or barcode up to the camera.</source>
        <translation>Houd een QR-code of barcode voor de camera.</translation>
    </message>
    <message>
        <source>Camera test</source>
        <translation>Cameratest</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Gelezen: %1</translation>
    </message>
    <message>
        <source>Read, but refused: %1</source>
        <translation>Gelezen, maar geweigerd: %1</translation>
    </message>
    <message>
        <source>No camera: %1</source>
        <translation>Geen camera: %1</translation>
    </message>
    <message>
        <source>Maintenance PIN</source>
        <translation>Onderhoudspincode</translation>
    </message>
    <message>
        <source>Staff only.</source>
        <translation>Alleen voor personeel.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Inloggen</translation>
    </message>
    <message>
        <source>Too many wrong PINs.</source>
        <translation>Te vaak een verkeerde pincode.</translation>
    </message>
    <message>
        <source>The admin panel is not set up on this locker.</source>
        <translation>Het beheermenu is niet ingesteld op deze pakketautomaat.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Verkeerde pincode.</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Deuren</translation>
    </message>
    <message>
        <source>Open all doors</source>
        <translation>Alle deuren openen</translation>
    </message>
    <message>
        <source>Locker back in service</source>
        <translation>Automaat weer in gebruik</translation>
    </message>
    <message>
        <source>Locker out of service</source>
        <translation>Automaat buiten gebruik</translation>
    </message>
    <message>
        <source>Tap a door to open it or take it out of service.</source>
        <translation>Tik op een deur om die te openen of buiten gebruik te stellen.</translation>
    </message>
    <message>
        <source>■ closed  ▲ open  ? unknown</source>
        <translation>■ dicht  ▲ open  ? onbekend</translation>
    </message>
    <message>
        <source>● occupied  ○ empty  ✕ out of service</source>
        <translation>● bezet  ○ leeg  ✕ buiten gebruik</translation>
    </message>
    <message>
        <source>Open all doors?</source>
        <translation>Alle deuren openen?</translation>
    </message>
    <message>
        <source>Every door opens, one after the other. Parcels inside become reachable. Stay at the locker until all doors are closed again.</source>
        <translation>Alle deuren gaan één voor één open. Pakketten in de vakken zijn dan bereikbaar. Blijf bij de automaat tot alle deuren weer dicht zijn.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
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
        <translation>scan een willekeurige code</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Restart kiosk</source>
        <translation>Kiosk herstarten</translation>
    </message>
    <message>
        <source>Stop kiosk
(console until started again)</source>
        <translation>Kiosk stoppen
(console tot herstart)</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Formaat: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>dicht</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>occupied</source>
        <translation>bezet</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leeg</translation>
    </message>
    <message>
        <source>Door: %1</source>
        <translation>Deur: %1</translation>
    </message>
    <message>
        <source>Item sensor: %1</source>
        <translation>Pakketsensor: %1</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>In gebruik</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Buiten gebruik</translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation>Laatste gebeurtenissen:</translation>
    </message>
    <message>
        <source>none recorded since the kiosk started</source>
        <translation>geen sinds de start van de kiosk</translation>
    </message>
    <message>
        <source>Compartment %1</source>
        <translation>Vak %1</translation>
    </message>
    <message>
        <source>Open door</source>
        <translation>Deur openen</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>Buiten gebruik stellen</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Weer in gebruik nemen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Serial boards</source>
        <translation>Serieel</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>On-site settings</source>
        <translation>Lokale instellingen</translation>
    </message>
    <message>
        <source>Default language, idle timeout and board kind for this locker.</source>
        <translation>Standaardtaal, time-out bij inactiviteit en soort printplaat voor deze automaat.</translation>
    </message>
    <message>
        <source>They override the backend and the config file; a board change takes effect after a restart.</source>
        <translation>Deze hebben voorrang op de backend en het configuratiebestand; een andere printplaat werkt pas na een herstart.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Close the door when you are done.</source>
        <translation>Sluit de deur als je klaar bent.</translation>
    </message>
    <message>
        <source>Door closed</source>
        <translation>Deur dicht</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Deur %1 is dicht.</translation>
    </message>
    <message>
        <source>Next door</source>
        <translation>Volgende deur</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Overslaan</translation>
    </message>
    <message>
        <source>Back to the panel</source>
        <translation>Terug naar het menu</translation>
    </message>
    <message>
        <source>This door is not in the layout.</source>
        <translation>Deze deur staat niet in de indeling van de automaat.</translation>
    </message>
    <message>
        <source>Door %1 is out of service.</source>
        <translation>Deur %1 is buiten gebruik.</translation>
    </message>
    <message>
        <source>Door %1 is in service.</source>
        <translation>Deur %1 is weer in gebruik.</translation>
    </message>
    <message>
        <source>The locker is out of service once you close the panel.</source>
        <translation>De automaat is buiten gebruik zodra je het menu sluit.</translation>
    </message>
    <message>
        <source>The locker is back in service.</source>
        <translation>De automaat is weer in gebruik.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Opgeslagen.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestopt.</translation>
    </message>
    <message>
        <source>%1 of %2 doors opened.</source>
        <translation>%1 van %2 deuren geopend.</translation>
    </message>
    <message>
        <source>Did not open: %1</source>
        <translation>Niet geopend: %1</translation>
    </message>
    <message>
        <source>Opening door %1 of %2…</source>
        <translation>Deur %1 van %2 gaat open…</translation>
    </message>
    <message>
        <source>Opening all doors</source>
        <translation>Alle deuren gaan open</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Door %1: %2</source>
        <translation>Deur %1: %2</translation>
    </message>
</context>
<context>
    <name>AppOpenFlow</name>
    <message>
        <source>Door %1 is open for your app</source>
        <translation>Vak %1 is geopend via je app</translation>
    </message>
    <message>
        <source>%1, please take your parcel and close the door firmly.</source>
        <translation>%1, neem je pakket eruit en sluit de deur goed.</translation>
    </message>
    <message>
        <source>%1, please put your parcel in and close the door firmly.</source>
        <translation>%1, leg je pakket erin en sluit de deur goed.</translation>
    </message>
    <message>
        <source>Please put your parcel in and close the door firmly.</source>
        <translation>Leg je pakket erin en sluit de deur goed.</translation>
    </message>
    <message>
        <source>Please take your parcel and close the door firmly.</source>
        <translation>Neem je pakket eruit en sluit de deur goed.</translation>
    </message>
    <message>
        <source>Door %1 was opened by customer service</source>
        <translation>Vak %1 is geopend door de klantenservice</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Sluit de deur goed als je klaar bent.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
</context>
<context>
    <name>CameraScreen</name>
    <message>
        <source>Type the code instead</source>
        <translation>Code intypen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Camera wordt gestart…</translation>
    </message>
</context>
<context>
    <name>CodeEntry</name>
    <message>
        <source>Scanning with the camera is not available here. Please type your code.</source>
        <translation>Scannen met de camera kan hier niet. Typ je code in.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s).</source>
        <translation>
            <numerusform>Te veel pogingen. Wacht %n seconde.</numerusform>
            <numerusform>Te veel pogingen. Wacht %n seconden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n digit(s).</source>
        <translation>
            <numerusform>De code heeft %n cijfer.</numerusform>
            <numerusform>De code heeft %n cijfers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n letter(s) or digit(s).</source>
        <translation>
            <numerusform>De code heeft %n letter of cijfer.</numerusform>
            <numerusform>De code heeft %n letters of cijfers.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Houd de code voor de camera</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>De QR-code of barcode uit je bericht, op zo’n 20 cm afstand.</translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Scan instead</source>
        <translation>Code scannen</translation>
    </message>
    <message>
        <source>Open my door</source>
        <translation>Mijn vak openen</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait %1.</source>
        <translation>Te veel pogingen. Wacht nog %1.</translation>
    </message>
</context>
<context>
    <name>CodeProblems</name>
    <message>
        <source>Try again</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Wrong code</source>
        <translation>Verkeerde code</translation>
    </message>
    <message>
        <source>Please check the code in your message.</source>
        <translation>Controleer de code in je bericht.</translation>
    </message>
    <message>
        <source>Wrong courier ID or PIN</source>
        <translation>Verkeerde bezorger-ID of pincode</translation>
    </message>
    <message>
        <source>Please check and try again.</source>
        <translation>Controleer je gegevens en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>This courier account is locked</source>
        <translation>Dit bezorgersaccount is geblokkeerd</translation>
    </message>
    <message>
        <source>Please contact your dispatcher.</source>
        <translation>Neem contact op met de planning.</translation>
    </message>
    <message>
        <source>This code has expired</source>
        <translation>Deze code is verlopen</translation>
    </message>
    <message>
        <source>Your parcel was returned. Please contact the sender.</source>
        <translation>Je pakket is teruggestuurd. Neem contact op met de afzender.</translation>
    </message>
    <message>
        <source>This parcel was already collected</source>
        <translation>Dit pakket is al opgehaald</translation>
    </message>
    <message>
        <source>If this was not you, please contact customer service.</source>
        <translation>Was jij dit niet? Neem dan contact op met de klantenservice.</translation>
    </message>
    <message>
        <source>This code was already used</source>
        <translation>Deze code is al gebruikt</translation>
    </message>
    <message>
        <source>Each drop-off code works once.</source>
        <translation>Een inlevercode werkt maar één keer.</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>Je kunt het nu opnieuw proberen</translation>
    </message>
    <message>
        <source>The wait is over.</source>
        <translation>De wachttijd is voorbij.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Te veel pogingen</translation>
    </message>
    <message>
        <source>This locker is offline</source>
        <translation>Deze pakketautomaat is offline</translation>
    </message>
    <message>
        <source>It cannot check this code until it is back online. Please try again later. Nothing was used up.</source>
        <translation>Hij kan deze code pas controleren als hij weer online is. Probeer het later nog eens. Er is niets gebruikt.</translation>
    </message>
    <message>
        <source>Please wait %1 and try again.</source>
        <translation>Wacht nog %1 en probeer het dan opnieuw.</translation>
    </message>
    <message>
        <source>We could not check your code right now</source>
        <translation>We kunnen je code nu niet controleren</translation>
    </message>
    <message>
        <source>Please try again in a moment. Your code was not used up.</source>
        <translation>Probeer het zo nog eens. Je code blijft geldig.</translation>
    </message>
</context>
<context>
    <name>CourierFlow</name>
    <message>
        <source>That was not a courier badge.</source>
        <translation>Dat was geen bezorgerspas.</translation>
    </message>
    <message>
        <source>Scanning with the camera is not available here. Please type your ID.</source>
        <translation>Scannen met de camera kan hier niet. Typ je ID in.</translation>
    </message>
    <message>
        <source>Courier login</source>
        <translation>Inloggen als bezorger</translation>
    </message>
    <message>
        <source>Type your courier ID, or scan your badge.</source>
        <translation>Typ je bezorger-ID of scan je pas.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Volgende</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>Voer je pincode in</translation>
    </message>
    <message>
        <source>Courier ID: %1</source>
        <translation>Bezorger-ID: %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Inloggen</translation>
    </message>
    <message>
        <source>Hold your badge up to the camera</source>
        <translation>Houd je pas voor de camera</translation>
    </message>
    <message>
        <source>The barcode on your courier badge, about 20 cm away.</source>
        <translation>De barcode op je bezorgerspas, op zo’n 20 cm afstand.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Inloggen…</translation>
    </message>
    <message>
        <source>Your session has ended</source>
        <translation>Je sessie is afgelopen</translation>
    </message>
    <message>
        <source>Please log in again to go on.</source>
        <translation>Log opnieuw in om verder te gaan.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation>Je taken worden geladen…</translation>
    </message>
    <message>
        <source>The task list could not be loaded. Please try again.</source>
        <translation>De takenlijst kon niet worden geladen. Probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Scan the next parcel</source>
        <translation>Scan het volgende pakket</translation>
    </message>
    <message>
        <source>The right door opens at once. Scan the next while it is open.</source>
        <translation>Het juiste vak gaat meteen open. Scan het volgende pakket terwijl het nog open is.</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>bezorgd</translation>
    </message>
    <message>
        <source>Type the barcode</source>
        <translation>Barcode intypen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>Type the parcel barcode</source>
        <translation>Typ de barcode van het pakket</translation>
    </message>
    <message>
        <source>The letters and digits under the barcode.</source>
        <translation>De letters en cijfers onder de barcode.</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Bezorgen</translation>
    </message>
    <message>
        <source>Parcel %1 is already delivered.</source>
        <translation>Pakket %1 is al bezorgd.</translation>
    </message>
    <message>
        <source>Parcel %1 is not on your list for this locker.</source>
        <translation>Pakket %1 staat niet op je lijst voor deze automaat.</translation>
    </message>
    <message>
        <source>No free compartment fits parcel %1 (size %2). It stays in the van.</source>
        <translation>Er is geen vrij vak voor pakket %1 (formaat %2). Het blijft in de bus.</translation>
    </message>
    <message>
        <source>Compartment %1 is not empty. It is now out of service.</source>
        <translation>Vak %1 is niet leeg en is nu buiten gebruik.</translation>
    </message>
    <message>
        <source>Parcel %1 could not be booked in. Please scan it again.</source>
        <translation>Pakket %1 kon niet worden ingeboekt. Scan het opnieuw.</translation>
    </message>
    <message numerus="yes">
        <source>%n more parcel(s) scanned</source>
        <translation>
            <numerusform>nog %n pakket gescand</numerusform>
            <numerusform>nog %n pakketten gescand</numerusform>
        </translation>
    </message>
    <message>
        <source>Put the parcel in and close the door.</source>
        <translation>Leg het pakket erin en sluit de deur.</translation>
    </message>
    <message>
        <source>Parcel %1 · size %2</source>
        <translation>Pakket %1 · formaat %2</translation>
    </message>
    <message>
        <source>Doesn&apos;t fit</source>
        <translation>Past niet</translation>
    </message>
    <message>
        <source>Door is broken</source>
        <translation>Deur is kapot</translation>
    </message>
    <message>
        <source>Use another door</source>
        <translation>Ander vak gebruiken</translation>
    </message>
    <message>
        <source>Parcel %1 is in compartment %2.</source>
        <translation>Pakket %1 ligt in vak %2.</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Another one opens.</source>
        <translation>Vak %1 is nu buiten gebruik. Er gaat een ander vak open.</translation>
    </message>
    <message>
        <source>Door %1 was left open. Please close it.</source>
        <translation>Vak %1 staat nog open. Sluit de deur.</translation>
    </message>
    <message>
        <source>Take the parcel back out and close the door. The next door opens then.</source>
        <translation>Haal het pakket er weer uit en sluit de deur. Daarna gaat het volgende vak open.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Sluit vak %1</translation>
    </message>
    <message>
        <source>Expired parcel</source>
        <translation>Bewaartermijn verlopen</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retourzending</translation>
    </message>
    <message>
        <source>Sent parcel</source>
        <translation>Pakket om te verzenden</translation>
    </message>
    <message>
        <source>Collect from compartment %1</source>
        <translation>Ophalen uit vak %1</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>op te halen</translation>
    </message>
    <message>
        <source>Open door %1</source>
        <translation>Vak %1 openen</translation>
    </message>
    <message>
        <source>Collect all</source>
        <translation>Alles ophalen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Overslaan</translation>
    </message>
    <message>
        <source>Take the parcel out and close the door.</source>
        <translation>Haal het pakket eruit en sluit de deur.</translation>
    </message>
    <message>
        <source>Door %1 was not collected.</source>
        <translation>Vak %1 is niet geleegd.</translation>
    </message>
    <message>
        <source>Next: compartment %1</source>
        <translation>Volgende: vak %1</translation>
    </message>
    <message>
        <source>The next door opens in a moment.</source>
        <translation>Het volgende vak gaat zo open.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Broken door</source>
        <translation>Deur kapot</translation>
    </message>
    <message>
        <source>Dirty / damaged</source>
        <translation>Vuil / beschadigd</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Iets anders</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Probleem melden</translation>
    </message>
    <message>
        <source>Compartment %1: what is wrong?</source>
        <translation>Vak %1: wat is er mis?</translation>
    </message>
    <message>
        <source>Tap the compartment on the picture.</source>
        <translation>Tik op het vak in de afbeelding.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Saving your report…</source>
        <translation>Je melding wordt opgeslagen…</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Thank you.</source>
        <translation>Vak %1 is nu buiten gebruik. Bedankt.</translation>
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
        <translation>hier te bezorgen</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>op te halen</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Bezorgen</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>Ophalen</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Probleem melden</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Uitloggen</translation>
    </message>
</context>
<context>
    <name>DoorCycle</name>
    <message>
        <source>Door %1 is open</source>
        <translation>Vak %1 is open</translation>
    </message>
    <message>
        <source>Opening door %1…</source>
        <extracomment>The answer &quot;Door did not open?&quot; on the open door&apos;s screen (``DoorJob.offer_not_open``).</extracomment>
        <translation>Vak %1 gaat open…</translation>
    </message>
    <message>
        <source>The door marked on the picture opens in a moment.</source>
        <translation>Het gemarkeerde vak op de afbeelding gaat zo open.</translation>
    </message>
    <message>
        <source>Door %1 did not open</source>
        <translation>Vak %1 is niet opengegaan</translation>
    </message>
    <message>
        <source>Please try again. If it still does not open, we will help you.</source>
        <translation>Probeer het opnieuw. Gaat het nog steeds niet open, dan helpen we je.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>Hulp vragen</translation>
    </message>
    <message>
        <source>Door %1 should be open</source>
        <translation>Vak %1 hoort open te zijn</translation>
    </message>
    <message>
        <source>Its lock is released: pull the door gently, it may be stuck. Still shut? Tap “Try again”.</source>
        <translation>Het slot is los: trek voorzichtig aan de deur, misschien klemt hij. Nog steeds dicht? Tik op ‘Opnieuw proberen’.</translation>
    </message>
    <message>
        <source>We are sorry</source>
        <translation>Het spijt ons</translation>
    </message>
    <message>
        <source>Your parcel stays safe. Please contact customer service.</source>
        <translation>Je pakket blijft veilig bewaard. Neem contact op met de klantenservice.</translation>
    </message>
    <message>
        <source>If the door opens after all, close it again when you are done.</source>
        <translation>Gaat de deur toch open? Sluit hem weer als je klaar bent.</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Terug naar start</translation>
    </message>
    <message>
        <source>Door did not open?</source>
        <translation>Deur niet open?</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Sluit de deur goed als je klaar bent.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Sluit vak %1</translation>
    </message>
    <message>
        <source>The door is still open. Push it shut until it clicks.</source>
        <translation>De deur staat nog open. Duw hem dicht tot je een klik hoort.</translation>
    </message>
    <message>
        <source>Door %1 closed</source>
        <translation>Vak %1 is dicht</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>Opnieuw openen</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Vak %1 is dicht.</translation>
    </message>
    <message>
        <source>Is your parcel still inside?</source>
        <translation>Zit je pakket er nog in?</translation>
    </message>
    <message>
        <source>The sensor in door %1 still sees something inside.</source>
        <translation>De sensor in vak %1 ziet nog iets liggen.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Bedankt!</translation>
    </message>
    <message>
        <source>Door %1 is closed. Closed it by mistake? Tap “Open again”.</source>
        <translation>Vak %1 is dicht. Per ongeluk gesloten? Tik op ‘Opnieuw openen’.</translation>
    </message>
</context>
<context>
    <name>DoorScreen</name>
    <message>
        <source>Bottom row</source>
        <extracomment>Fill and outline per cell state on a door grid (courier, admin).</extracomment>
        <translation>Onderste rij</translation>
    </message>
    <message>
        <source>Top row</source>
        <translation>Bovenste rij</translation>
    </message>
    <message>
        <source>Row %1 from the bottom</source>
        <translation>Rij %1 van onderen</translation>
    </message>
    <message>
        <source>Row %1 from the top</source>
        <translation>Rij %1 van boven</translation>
    </message>
    <message>
        <source>column %1 from the left</source>
        <translation>kolom %1 van links</translation>
    </message>
    <message>
        <source>column %1 from the right</source>
        <translation>kolom %1 van rechts</translation>
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
        <translation>Pakketautomaat %1</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>Referentie %1</translation>
    </message>
    <message>
        <source>Code on your phone? Hold it under the scanner below the screen.</source>
        <translation>Code op je telefoon? Houd hem onder de scanner onder het scherm.</translation>
    </message>
    <message>
        <source>Accessible mode</source>
        <translation>Toegankelijke modus</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Welcome! What would you like to do?</source>
        <translation>Welkom! Wat wil je doen?</translation>
    </message>
    <message>
        <source>Pick up a parcel</source>
        <translation>Pakket ophalen</translation>
    </message>
    <message>
        <source>Send or return</source>
        <translation>Versturen of retourneren</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Bezorger</translation>
    </message>
    <message>
        <source>Locker %1</source>
        <translation>Pakketautomaat %1</translation>
    </message>
    <message>
        <source>Open with the app</source>
        <translation>Openen met de app</translation>
    </message>
    <message>
        <source>Demo codes</source>
        <translation>Democodes</translation>
    </message>
    <message>
        <source>Demo pickup codes</source>
        <translation>Demo-ophaalcodes</translation>
    </message>
    <message>
        <source>send, size %1</source>
        <translation>verzenden, formaat %1</translation>
    </message>
    <message>
        <source>return, size %1</source>
        <translation>retour, formaat %1</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Wissen</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Maintenance in progress.</source>
        <translation>Bezig met onderhoud.</translation>
    </message>
    <message>
        <source>The locker is starting up. Please try again in a minute.</source>
        <translation>De pakketautomaat start op. Probeer het over een minuut opnieuw.</translation>
    </message>
    <message>
        <source>The doors cannot be opened right now.</source>
        <translation>De vakken kunnen nu niet open.</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>Kies je taal</translation>
    </message>
</context>
<context>
    <name>NoticeFlow</name>
    <message>
        <source>Back to start</source>
        <translation>Terug naar start</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Not available at this locker</source>
        <translation>Niet beschikbaar bij deze pakketautomaat</translation>
    </message>
    <message>
        <source>This service is not offered here yet. Please use the operator&apos;s app.</source>
        <translation>Deze dienst is hier nog niet beschikbaar. Gebruik de app van de aanbieder.</translation>
    </message>
    <message>
        <source>This code is not for this locker</source>
        <translation>Deze code hoort niet bij deze pakketautomaat</translation>
    </message>
    <message>
        <source>Please scan the code from your pickup or drop-off message, or tap a button to start.</source>
        <translation>Scan de code uit je bericht om op te halen of in te leveren, of tik op een knop om te beginnen.</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This locker is temporarily out of service</source>
        <translation>Deze pakketautomaat is tijdelijk buiten gebruik</translation>
    </message>
    <message>
        <source>We are sorry. Please try again later or use another locker nearby.</source>
        <translation>Excuses voor het ongemak. Probeer het later opnieuw of ga naar een andere pakketautomaat in de buurt.</translation>
    </message>
</context>
<context>
    <name>PhoneEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Verder</translation>
    </message>
    <message>
        <source>Your number shows the parcel is yours. Tap the country code to change it.</source>
        <translation>Met je nummer laat je zien dat het pakket van jou is. Tik op de landcode om die te wijzigen.</translation>
    </message>
</context>
<context>
    <name>PickupFlow</name>
    <message>
        <source>Wrong code</source>
        <translation>Verkeerde code</translation>
    </message>
    <message>
        <source>Please check the code in your message. 2 attempts left.</source>
        <translation>Controleer de code in je bericht. Nog 2 pogingen.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Enter your pickup code</source>
        <translation>Voer je ophaalcode in</translation>
    </message>
    <message>
        <source>You find it in the text message or e-mail about your parcel.</source>
        <translation>Je vindt hem in de sms of e-mail over je pakket.</translation>
    </message>
    <message>
        <source>Enter your phone number</source>
        <translation>Typ je telefoonnummer</translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Houd de code voor de camera</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>De QR-code of barcode uit je bericht, op zo’n 20 cm afstand.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Je code wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Take your parcel and close the door firmly.</source>
        <translation>Neem je pakket eruit en sluit de deur goed.</translation>
    </message>
    <message>
        <source>That was not a pickup code.</source>
        <translation>Dat was geen ophaalcode.</translation>
    </message>
    <message>
        <source>Parcel %1 of %2</source>
        <translation>Pakket %1 van %2</translation>
    </message>
    <message>
        <source>Open the next door</source>
        <translation>Volgende vak openen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Welcome. To pick up a parcel, tap the yellow button. To send or return one, tap the dark button next to it.</source>
        <extracomment>The spoken prompt of each screen (translated like every text; the context ``Prompt`` is what ``packaging/make-prompts`` reads from each catalogue).</extracomment>
        <translation>Welkom. Tik op de gele knop om een pakket op te halen. Tik op de donkere knop ernaast om een pakket te versturen of te retourneren.</translation>
    </message>
    <message>
        <source>Type the code from your message on the keypad, then tap Open my door.</source>
        <translation>Typ de code uit je bericht op het toetsenbord en tik dan op Mijn vak openen.</translation>
    </message>
    <message>
        <source>Type your phone number, then tap Continue.</source>
        <translation>Typ je telefoonnummer en tik dan op Verder.</translation>
    </message>
    <message>
        <source>Hold the code from your message up to the camera.</source>
        <translation>Houd de code uit je bericht voor de camera.</translation>
    </message>
    <message>
        <source>Your door is open. The screen shows where it is. Close it when you are done.</source>
        <translation>Je vak is open. Op het scherm zie je waar het zit. Sluit de deur als je klaar bent.</translation>
    </message>
    <message>
        <source>Thank you. Please take a photo of your receipt.</source>
        <translation>Bedankt. Maak een foto van je ontvangstbewijs.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Receipt</source>
        <translation>Ontvangstbewijs</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>Pakketautomaat</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>Vak</translation>
    </message>
</context>
<context>
    <name>RemoteControl</name>
    <message>
        <source>This locker is out of service. We are sorry for the inconvenience.</source>
        <translation>Deze pakketautomaat is buiten gebruik. Excuses voor het ongemak.</translation>
    </message>
</context>
<context>
    <name>SendFlow</name>
    <message>
        <source>Thank you! Your parcel is in the locker</source>
        <translation>Bedankt! Je pakket is ingeleverd</translation>
    </message>
    <message>
        <source>Take a photo of this receipt.</source>
        <translation>Maak een foto van dit ontvangstbewijs.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>Enter your drop-off code</source>
        <extracomment>The customer asked for accessible mode: a low (accessible) compartment first.</extracomment>
        <translation>Voer je inlevercode in</translation>
    </message>
    <message>
        <source>You got it from the carrier or the shop, to send or return.</source>
        <translation>Je krijgt deze code van de vervoerder of de winkel als je iets verstuurt of retourneert.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Verder</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door.</source>
        <translation>Leg je pakket erin en sluit de deur.</translation>
    </message>
    <message>
        <source>Larger compartment</source>
        <translation>Groter vak</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Nothing was sent</source>
        <translation>Er is niets verzonden</translation>
    </message>
    <message>
        <source>Please close the door. Your code was not used up.</source>
        <translation>Sluit de deur. Je code blijft geldig.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>There is no larger compartment free</source>
        <translation>Er is geen groter vak vrij</translation>
    </message>
    <message>
        <source>Please take your parcel with you. Your code was not used up.</source>
        <translation>Neem je pakket weer mee. Je code blijft geldig.</translation>
    </message>
    <message>
        <source>That was not a drop-off code.</source>
        <translation>Dat was geen inlevercode.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Je code wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Please ask the carrier or the shop for a new code.</source>
        <translation>Vraag de vervoerder of de winkel om een nieuwe code.</translation>
    </message>
    <message>
        <source>Finding a compartment for your parcel…</source>
        <translation>We zoeken een vak voor je pakket…</translation>
    </message>
    <message>
        <source>No other compartment of this size is free</source>
        <translation>Er is geen ander vak van dit formaat vrij</translation>
    </message>
    <message>
        <source>Please try again later.</source>
        <translation>Probeer het later opnieuw.</translation>
    </message>
    <message>
        <source>The locker is full for a parcel of this size</source>
        <translation>Er is geen vak vrij voor een pakket van dit formaat</translation>
    </message>
    <message>
        <source>Please try again later or at another locker. Your code was not used up.</source>
        <translation>Probeer het later opnieuw of bij een andere pakketautomaat. Je code blijft geldig.</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door. Please also close door %1.</source>
        <translation>Leg je pakket erin en sluit de deur. Sluit ook vak %1.</translation>
    </message>
    <message>
        <source>Your parcel is in the locker</source>
        <translation>Je pakket is ingeleverd</translation>
    </message>
    <message>
        <source>Door %1 is closed. Forgot something? Tap “Open again”. Your receipt follows.</source>
        <translation>Vak %1 is dicht. Iets vergeten? Tik op ‘Opnieuw openen’. Daarna krijg je je ontvangstbewijs.</translation>
    </message>
    <message>
        <source>Show my receipt</source>
        <translation>Ontvangstbewijs tonen</translation>
    </message>
    <message>
        <source>Use another compartment</source>
        <translation>Ander vak gebruiken</translation>
    </message>
    <message>
        <source>Please close doors %1 and %2. Your code was not used up.</source>
        <translation>Sluit vak %1 en vak %2. Je code blijft geldig.</translation>
    </message>
    <message>
        <source>Please close door %1. Your code was not used up.</source>
        <translation>Sluit vak %1. Je code blijft geldig.</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Simulated lockers</source>
        <translation>Gesimuleerde vakken</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ontbreekt</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>dicht</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>item</source>
        <translation>bezet</translation>
    </message>
    <message>
        <source>jammed</source>
        <translation>geblokkeerd</translation>
    </message>
    <message>
        <source>Close door</source>
        <translation>Deur sluiten</translation>
    </message>
    <message>
        <source>Item out</source>
        <translation>Pakket eruit</translation>
    </message>
    <message>
        <source>Item in</source>
        <translation>Pakket erin</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Vrijgeven</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Blokkeren</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The kiosk could not start. For the technician: %1</source>
        <translation>De kiosk kon niet starten. Voor de monteur: %1</translation>
    </message>
    <message>
        <source>see the log</source>
        <translation>zie het logboek</translation>
    </message>
</context>
</TS>
