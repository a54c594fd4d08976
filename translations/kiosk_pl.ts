<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>IdleScreen</name>
    <message>
        <source>Welcome! What would you like to do?</source>
        <translation>Witaj! Co chcesz zrobić?</translation>
    </message>
    <message>
        <source>Pick up a parcel</source>
        <translation>Odbierz paczkę</translation>
    </message>
    <message>
        <source>Send or return</source>
        <translation>Nadaj lub zwróć</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Kurier</translation>
    </message>
    <message>
        <source>Demo pickup codes</source>
        <translation>Kody odbioru (demo)</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This locker is temporarily out of service</source>
        <translation>Ten automat jest chwilowo nieczynny</translation>
    </message>
    <message>
        <source>We are sorry. Please try again later or use another locker nearby.</source>
        <translation>Przepraszamy. Spróbuj ponownie później lub skorzystaj z pobliskiego automatu.</translation>
    </message>
</context>
<context>
    <name>PickupFlow</name>
    <message>
        <source>Wrong code</source>
        <translation>Błędny kod</translation>
    </message>
    <message>
        <source>Please check the code in your message. 2 attempts left.</source>
        <translation>Sprawdź kod w wiadomości. Pozostały 2 próby.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Spróbuj ponownie</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
</context>
<context>
    <name>UnavailableFlow</name>
    <message>
        <source>Not available at this locker</source>
        <translation>Niedostępne w tym automacie</translation>
    </message>
    <message>
        <source>This service is not offered here yet. Please use the operator&apos;s app.</source>
        <translation>Ta usługa nie jest jeszcze tutaj dostępna. Skorzystaj z aplikacji operatora.</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Wróć do początku</translation>
    </message>
</context>
</TS>
