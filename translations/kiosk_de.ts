<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>Demo pickup codes</source>
        <translation>Demo-Abholcodes</translation>
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
</context>
<context>
    <name>UnavailableFlow</name>
    <message>
        <source>Not available at this locker</source>
        <translation>An dieser Station nicht verfügbar</translation>
    </message>
    <message>
        <source>This service is not offered here yet. Please use the operator&apos;s app.</source>
        <translation>Dieser Dienst wird hier noch nicht angeboten. Bitte nutzen Sie die App des Betreibers.</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Zurück zum Start</translation>
    </message>
</context>
</TS>
