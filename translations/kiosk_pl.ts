<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>CameraScreen</name>
    <message>
        <source>Type the code instead</source>
        <translation>Wpisz kod ręcznie</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Uruchamiamy kamerę…</translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Scan instead</source>
        <translation>Zeskanuj kod</translation>
    </message>
    <message>
        <source>Open my door</source>
        <translation>Otwórz skrytkę</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong codes. Please wait %n second(s).</source>
        <translation>
            <numerusform>Zbyt wiele błędnych kodów. Poczekaj %n sekundę.</numerusform>
            <numerusform>Zbyt wiele błędnych kodów. Poczekaj %n sekundy.</numerusform>
            <numerusform>Zbyt wiele błędnych kodów. Poczekaj %n sekund.</numerusform>
        </translation>
    </message>
</context>
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
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Wyczyść</translation>
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
    <name>PhoneEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Dalej</translation>
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
    <message>
        <source>Enter your pickup code</source>
        <translation>Wpisz kod odbioru</translation>
    </message>
    <message>
        <source>You find it in the text message or e-mail about your parcel.</source>
        <translation>Znajdziesz go w SMS-ie lub e-mailu o przesyłce.</translation>
    </message>
    <message>
        <source>Enter your phone number</source>
        <translation>Wpisz numer telefonu</translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Pokaż kod do kamery</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>Kod QR lub kreskowy z wiadomości, z odległości ok. 20 cm.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Sprawdzamy kod…</translation>
    </message>
    <message>
        <source>Door %1 is open</source>
        <translation>Skrytka %1 jest otwarta</translation>
    </message>
    <message>
        <source>Take your parcel and close the door firmly.</source>
        <translation>Wyjmij paczkę i dokładnie zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Scanning with the camera is not available here. Please type your code.</source>
        <translation>Skanowanie kamerą nie jest tu dostępne. Wpisz kod.</translation>
    </message>
    <message>
        <source>That was not a pickup code.</source>
        <translation>To nie jest kod odbioru.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong codes. Please wait %n second(s).</source>
        <translation>
            <numerusform>Zbyt wiele błędnych kodów. Poczekaj %n sekundę.</numerusform>
            <numerusform>Zbyt wiele błędnych kodów. Poczekaj %n sekundy.</numerusform>
            <numerusform>Zbyt wiele błędnych kodów. Poczekaj %n sekund.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Please check the code in your message. %n attempt(s) left.</source>
        <translation>
            <numerusform>Sprawdź kod w wiadomości. Pozostała %n próba.</numerusform>
            <numerusform>Sprawdź kod w wiadomości. Pozostały %n próby.</numerusform>
            <numerusform>Sprawdź kod w wiadomości. Pozostało %n prób.</numerusform>
        </translation>
    </message>
    <message>
        <source>This code has expired</source>
        <translation>Ten kod wygasł</translation>
    </message>
    <message>
        <source>Your parcel was returned. Please contact the sender.</source>
        <translation>Paczka została zwrócona. Skontaktuj się z nadawcą.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>This parcel was already collected</source>
        <translation>Ta paczka została już odebrana</translation>
    </message>
    <message>
        <source>If this was not you, please contact customer service.</source>
        <translation>Jeśli to nie Ty, skontaktuj się z obsługą klienta.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Zbyt wiele prób</translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Poczekaj %n sekundę i spróbuj ponownie.</numerusform>
            <numerusform>Poczekaj %n sekundy i spróbuj ponownie.</numerusform>
            <numerusform>Poczekaj %n sekund i spróbuj ponownie.</numerusform>
        </translation>
    </message>
    <message>
        <source>We could not check your code right now</source>
        <translation>Nie udało się teraz sprawdzić kodu</translation>
    </message>
    <message>
        <source>Please try again in a moment. Your code was not used up.</source>
        <translation>Spróbuj ponownie za chwilę. Kod pozostaje ważny.</translation>
    </message>
    <message>
        <source>Parcel %1 of %2</source>
        <translation>Paczka %1 z %2</translation>
    </message>
    <message>
        <source>Opening door %1…</source>
        <translation>Otwieramy skrytkę %1…</translation>
    </message>
    <message>
        <source>The door marked on the picture opens in a moment.</source>
        <translation>Zaznaczona na rysunku skrytka za chwilę się otworzy.</translation>
    </message>
    <message>
        <source>Door %1 did not open</source>
        <translation>Skrytka %1 się nie otworzyła</translation>
    </message>
    <message>
        <source>Please try again. If it still does not open, we will help you.</source>
        <translation>Spróbuj ponownie. Jeśli nadal się nie otworzy, pomożemy.</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>Pomoc</translation>
    </message>
    <message>
        <source>We are sorry</source>
        <translation>Przepraszamy</translation>
    </message>
    <message>
        <source>Your parcel stays safe. Please contact customer service.</source>
        <translation>Paczka jest bezpieczna. Skontaktuj się z obsługą klienta.</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Wróć do początku</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Zamknij skrytkę %1</translation>
    </message>
    <message>
        <source>The door is still open. Push it shut until it clicks.</source>
        <translation>Drzwiczki są wciąż otwarte. Dociśnij je, aż kliknie zamek.</translation>
    </message>
    <message>
        <source>Door %1 closed</source>
        <translation>Skrytka %1 zamknięta</translation>
    </message>
    <message>
        <source>Open the next door</source>
        <translation>Otwórz kolejną skrytkę</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>Otwórz ponownie</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Dziękujemy!</translation>
    </message>
    <message>
        <source>Door %1 is closed. Closed it by mistake? Tap “Open again”.</source>
        <translation>Skrytka %1 jest zamknięta. Zamknięta przez pomyłkę? Dotknij „Otwórz ponownie”.</translation>
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
