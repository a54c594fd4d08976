<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>AccessibleHeader</name>
    <message>
        <source>Accessible mode: everything to tap is in the lower part.</source>
        <translation>Tryb dostępności: wszystko do dotknięcia jest w dolnej części.</translation>
    </message>
</context>
<context>
    <name>AdminFlow</name>
    <message>
        <source>Hold a QR code or barcode up to the camera.</source>
        <translation>Przyłóż kod QR lub kod kreskowy do kamery.</translation>
    </message>
    <message>
        <source>Camera test</source>
        <translation>Test kamery</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Odczytano: %1</translation>
    </message>
    <message>
        <source>Read, but refused: %1</source>
        <translation>Odczytano, ale odrzucono: %1</translation>
    </message>
    <message>
        <source>No camera: %1</source>
        <translation>Brak kamery: %1</translation>
    </message>
    <message>
        <source>Maintenance PIN</source>
        <translation>PIN serwisowy</translation>
    </message>
    <message>
        <source>Staff only.</source>
        <translation>Tylko dla personelu.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <source>Too many wrong PINs.</source>
        <translation>Zbyt wiele błędnych PIN-ów.</translation>
    </message>
    <message>
        <source>The admin panel is not set up on this locker.</source>
        <translation>Panel serwisowy nie jest skonfigurowany w tym automacie.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Błędny PIN.</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Drzwiczki</translation>
    </message>
    <message>
        <source>Open all doors</source>
        <translation>Otwórz wszystkie drzwiczki</translation>
    </message>
    <message>
        <source>Locker back in service</source>
        <translation>Automat z powrotem w użyciu</translation>
    </message>
    <message>
        <source>Locker out of service</source>
        <translation>Wyłącz automat z użytku</translation>
    </message>
    <message>
        <source>Tap a door to open it or take it out of service.</source>
        <translation>Dotknij skrytki, aby ją otworzyć lub wyłączyć z użytku.</translation>
    </message>
    <message>
        <source>■ closed  ▲ open  ? unknown</source>
        <translation>■ zamknięte  ▲ otwarte  ? nieznane</translation>
    </message>
    <message>
        <source>● occupied  ○ empty  ✕ out of service</source>
        <translation>● zajęta  ○ pusta  ✕ wyłączona</translation>
    </message>
    <message>
        <source>Open all doors?</source>
        <translation>Otworzyć wszystkie drzwiczki?</translation>
    </message>
    <message>
        <source>Every door opens, one after the other. Parcels inside become reachable. Stay at the locker until all doors are closed again.</source>
        <translation>Wszystkie drzwiczki otworzą się po kolei. Paczki w środku staną się dostępne. Zostań przy automacie, aż wszystkie drzwiczki zostaną zamknięte.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostyka</translation>
    </message>
    <message>
        <source>Scanner test: %1</source>
        <translation>Test skanera: %1</translation>
    </message>
    <message>
        <source>scan any code</source>
        <translation>zeskanuj dowolny kod</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <source>Restart kiosk</source>
        <translation>Uruchom kiosk ponownie</translation>
    </message>
    <message>
        <source>Stop kiosk
(console until started again)</source>
        <translation>Zatrzymaj kiosk
(konsola do ponownego uruchomienia)</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logi</translation>
    </message>
    <message>
        <source>all</source>
        <translation>wszystkie</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Rozmiar: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>otwarta</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zamknięta</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>nieznane</translation>
    </message>
    <message>
        <source>occupied</source>
        <translation>zajęta</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>pusta</translation>
    </message>
    <message>
        <source>Door: %1</source>
        <translation>Drzwiczki: %1</translation>
    </message>
    <message>
        <source>Item sensor: %1</source>
        <translation>Czujnik zawartości: %1</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>Działa</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Wyłączona z użytku</translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation>Ostatnie zdarzenia:</translation>
    </message>
    <message>
        <source>none recorded since the kiosk started</source>
        <translation>brak od uruchomienia kiosku</translation>
    </message>
    <message>
        <source>Compartment %1</source>
        <translation>Skrytka %1</translation>
    </message>
    <message>
        <source>Open door</source>
        <translation>Otwórz drzwiczki</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>Wyłącz z użytku</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Przywróć do użytku</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Wstecz</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Serial boards</source>
        <translation>Płytki szeregowe</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Symulator</translation>
    </message>
    <message>
        <source>On-site settings</source>
        <translation>Ustawienia lokalne</translation>
    </message>
    <message>
        <source>Default language, idle timeout and board kind for this locker.</source>
        <translation>Domyślny język, limit bezczynności i rodzaj płytek dla tego automatu.</translation>
    </message>
    <message>
        <source>They override the backend and the config file; a board change takes effect after a restart.</source>
        <translation>Mają pierwszeństwo przed backendem i plikiem konfiguracyjnym; zmiana płytek działa po ponownym uruchomieniu.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <source>Close the door when you are done.</source>
        <translation>Zamknij drzwiczki, gdy skończysz.</translation>
    </message>
    <message>
        <source>Door closed</source>
        <translation>Drzwiczki zamknięte</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Drzwiczki %1 są zamknięte.</translation>
    </message>
    <message>
        <source>Next door</source>
        <translation>Następne drzwiczki</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Pomiń</translation>
    </message>
    <message>
        <source>Back to the panel</source>
        <translation>Powrót do panelu</translation>
    </message>
    <message>
        <source>This door is not in the layout.</source>
        <translation>Tych drzwiczek nie ma w układzie automatu.</translation>
    </message>
    <message>
        <source>Door %1 is out of service.</source>
        <translation>Drzwiczki %1 są wyłączone z użytku.</translation>
    </message>
    <message>
        <source>Door %1 is in service.</source>
        <translation>Drzwiczki %1 działają.</translation>
    </message>
    <message>
        <source>The locker is out of service once you close the panel.</source>
        <translation>Automat zostanie wyłączony z użytku po zamknięciu panelu.</translation>
    </message>
    <message>
        <source>The locker is back in service.</source>
        <translation>Automat znów działa.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Zapisano.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Zatrzymano.</translation>
    </message>
    <message>
        <source>%1 of %2 doors opened.</source>
        <translation>Otwarto %1 z %2 drzwiczek.</translation>
    </message>
    <message>
        <source>Did not open: %1</source>
        <translation>Nie otwarły się: %1</translation>
    </message>
    <message>
        <source>Opening door %1 of %2…</source>
        <translation>Otwieram drzwiczki %1 z %2…</translation>
    </message>
    <message>
        <source>Opening all doors</source>
        <translation>Otwieranie wszystkich drzwiczek</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Zatrzymaj</translation>
    </message>
    <message>
        <source>Door %1: %2</source>
        <translation>Drzwiczki %1: %2</translation>
    </message>
</context>
<context>
    <name>AppOpenFlow</name>
    <message>
        <source>Door %1 is open for your app</source>
        <translation>Skrytka %1 jest otwarta dla Twojej aplikacji</translation>
    </message>
    <message>
        <source>%1, please put your parcel in and close the door firmly.</source>
        <translation>%1, włóż paczkę i dokładnie zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Please put your parcel in and close the door firmly.</source>
        <translation>Włóż paczkę i dokładnie zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>%1, please take your parcel and close the door firmly.</source>
        <translation>%1, wyjmij paczkę i dokładnie zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Please take your parcel and close the door firmly.</source>
        <translation>Wyjmij paczkę i dokładnie zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Door %1 was opened by customer service</source>
        <translation>Skrytkę %1 otworzyła obsługa klienta</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Gdy skończysz, mocno zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
</context>
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
    <name>CodeEntry</name>
    <message>
        <source>Scanning with the camera is not available here. Please type your code.</source>
        <translation>Skanowanie kamerą nie jest tu dostępne. Wpisz kod.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s).</source>
        <translation>
            <numerusform>Zbyt wiele prób. Proszę odczekać %n sekundę.</numerusform>
            <numerusform>Zbyt wiele prób. Proszę odczekać %n sekundy.</numerusform>
            <numerusform>Zbyt wiele prób. Proszę odczekać %n sekund.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n digit(s).</source>
        <translation>
            <numerusform>Kod ma %n cyfrę.</numerusform>
            <numerusform>Kod ma %n cyfry.</numerusform>
            <numerusform>Kod ma %n cyfr.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n letter(s) or digit(s).</source>
        <translation>
            <numerusform>Kod ma %n znak (litery lub cyfry).</numerusform>
            <numerusform>Kod ma %n znaki (litery lub cyfry).</numerusform>
            <numerusform>Kod ma %n znaków (litery lub cyfry).</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Pokaż kod do kamery</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>Kod QR lub kreskowy z wiadomości, z odległości ok. 20 cm.</translation>
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
    <message>
        <source>Too many attempts. Please wait %1.</source>
        <translation>Zbyt wiele prób. Poczekaj %1.</translation>
    </message>
</context>
<context>
    <name>CodeProblems</name>
    <message>
        <source>Try again</source>
        <translation>Spróbuj ponownie</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Wrong code</source>
        <translation>Błędny kod</translation>
    </message>
    <message>
        <source>Please check the code in your message.</source>
        <translation>Sprawdź kod w wiadomości.</translation>
    </message>
    <message>
        <source>Wrong courier ID or PIN</source>
        <translation>Nieprawidłowy identyfikator kuriera lub PIN</translation>
    </message>
    <message>
        <source>Please check and try again.</source>
        <translation>Sprawdź dane i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>This courier account is locked</source>
        <translation>To konto kuriera jest zablokowane</translation>
    </message>
    <message>
        <source>Please contact your dispatcher.</source>
        <translation>Skontaktuj się ze swoim dyspozytorem.</translation>
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
        <source>This parcel was already collected</source>
        <translation>Ta paczka została już odebrana</translation>
    </message>
    <message>
        <source>If this was not you, please contact customer service.</source>
        <translation>Jeśli to nie Ty, skontaktuj się z obsługą klienta.</translation>
    </message>
    <message>
        <source>This code was already used</source>
        <translation>Ten kod został już użyty</translation>
    </message>
    <message>
        <source>Each drop-off code works once.</source>
        <translation>Każdy kod nadania działa tylko raz.</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>Możesz już spróbować ponownie</translation>
    </message>
    <message>
        <source>The wait is over.</source>
        <translation>Czas oczekiwania minął.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Zbyt wiele prób</translation>
    </message>
    <message>
        <source>This locker is offline</source>
        <translation>Ten automat jest offline</translation>
    </message>
    <message>
        <source>It cannot check this code until it is back online. Please try again later. Nothing was used up.</source>
        <translation>Nie może sprawdzić tego kodu, dopóki nie wróci do sieci. Spróbuj ponownie później. Nic nie zostało wykorzystane.</translation>
    </message>
    <message>
        <source>Please wait %1 and try again.</source>
        <translation>Poczekaj %1 i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>We could not check your code right now</source>
        <translation>Nie udało się teraz sprawdzić kodu</translation>
    </message>
    <message>
        <source>Please try again in a moment. Your code was not used up.</source>
        <translation>Spróbuj ponownie za chwilę. Kod pozostaje ważny.</translation>
    </message>
</context>
<context>
    <name>CourierFlow</name>
    <message>
        <source>Scanning with the camera is not available here. Please type your ID.</source>
        <translation>Skanowanie kamerą nie jest tu dostępne. Wpisz swój identyfikator.</translation>
    </message>
    <message>
        <source>That was not a courier badge.</source>
        <translation>To nie był identyfikator kuriera.</translation>
    </message>
    <message>
        <source>Courier login</source>
        <translation>Logowanie kuriera</translation>
    </message>
    <message>
        <source>Type your courier ID, or scan your badge.</source>
        <translation>Wpisz swój identyfikator kuriera albo zeskanuj kartę.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Dalej</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>Wpisz PIN</translation>
    </message>
    <message>
        <source>Courier ID: %1</source>
        <translation>Identyfikator kuriera: %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <source>Hold your badge up to the camera</source>
        <translation>Przyłóż kartę do kamery</translation>
    </message>
    <message>
        <source>The barcode on your courier badge, about 20 cm away.</source>
        <translation>Kod kreskowy na karcie kuriera, z odległości około 20 cm.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Logowanie…</translation>
    </message>
    <message>
        <source>Your session has ended</source>
        <translation>Twoja sesja się zakończyła</translation>
    </message>
    <message>
        <source>Please log in again to go on.</source>
        <translation>Zaloguj się ponownie, aby kontynuować.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation>Wczytywanie zadań…</translation>
    </message>
    <message>
        <source>The task list could not be loaded. Please try again.</source>
        <translation>Nie udało się wczytać listy zadań. Spróbuj ponownie.</translation>
    </message>
    <message>
        <source>Scan the next parcel</source>
        <translation>Zeskanuj następną paczkę</translation>
    </message>
    <message>
        <source>The right door opens at once. Scan the next while it is open.</source>
        <translation>Właściwa skrytka otworzy się od razu. Kolejną paczkę możesz skanować, gdy jest jeszcze otwarta.</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>doręczono</translation>
    </message>
    <message>
        <source>Type the barcode</source>
        <translation>Wpisz kod kreskowy</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Type the parcel barcode</source>
        <translation>Wpisz kod kreskowy paczki</translation>
    </message>
    <message>
        <source>The letters and digits under the barcode.</source>
        <translation>Litery i cyfry pod kodem kreskowym.</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Doręcz</translation>
    </message>
    <message>
        <source>Parcel %1 is already delivered.</source>
        <translation>Paczka %1 została już doręczona.</translation>
    </message>
    <message>
        <source>Parcel %1 is not on your list for this locker.</source>
        <translation>Paczki %1 nie ma na Twojej liście dla tego automatu.</translation>
    </message>
    <message>
        <source>No free compartment fits parcel %1 (size %2). It stays in the van.</source>
        <translation>Brak wolnej skrytki dla paczki %1 (rozmiar %2). Paczka zostaje w aucie.</translation>
    </message>
    <message>
        <source>Compartment %1 is not empty. It is now out of service.</source>
        <translation>Skrytka %1 nie jest pusta. Została wyłączona z użytku.</translation>
    </message>
    <message>
        <source>Parcel %1 could not be booked in. Please scan it again.</source>
        <translation>Nie udało się przyjąć paczki %1. Zeskanuj ją ponownie.</translation>
    </message>
    <message>
        <source>Put the parcel in and close the door.</source>
        <translation>Włóż paczkę i zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Parcel %1 · size %2</source>
        <translation>Paczka %1 · rozmiar %2</translation>
    </message>
    <message>
        <source>Doesn&apos;t fit</source>
        <translation>Nie mieści się</translation>
    </message>
    <message>
        <source>Door is broken</source>
        <translation>Drzwiczki zepsute</translation>
    </message>
    <message>
        <source>Use another door</source>
        <translation>Użyj innej skrytki</translation>
    </message>
    <message>
        <source>Parcel %1 is in compartment %2.</source>
        <translation>Paczka %1 jest w skrytce %2.</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Another one opens.</source>
        <translation>Skrytka %1 została wyłączona z użytku. Otwiera się inna.</translation>
    </message>
    <message>
        <source>Door %1 was left open. Please close it.</source>
        <translation>Skrytka %1 pozostała otwarta. Zamknij ją.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Zamknij skrytkę %1</translation>
    </message>
    <message>
        <source>Take the parcel back out and close the door. The next door opens then.</source>
        <translation>Wyjmij paczkę i zamknij drzwiczki. Potem otworzy się następna skrytka.</translation>
    </message>
    <message numerus="yes">
        <source>%n more parcel(s) scanned</source>
        <translation>
            <numerusform>Zeskanowano jeszcze %n paczkę</numerusform>
            <numerusform>Zeskanowano jeszcze %n paczki</numerusform>
            <numerusform>Zeskanowano jeszcze %n paczek</numerusform>
        </translation>
    </message>
    <message>
        <source>Expired parcel</source>
        <translation>Paczka po terminie</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <source>Sent parcel</source>
        <translation>Paczka nadana</translation>
    </message>
    <message>
        <source>Collect from compartment %1</source>
        <translation>Odbierz ze skrytki %1</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>do odbioru</translation>
    </message>
    <message>
        <source>Open door %1</source>
        <translation>Otwórz skrytkę %1</translation>
    </message>
    <message>
        <source>Collect all</source>
        <translation>Odbierz wszystkie</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Pomiń</translation>
    </message>
    <message>
        <source>Take the parcel out and close the door.</source>
        <translation>Wyjmij paczkę i zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Door %1 was not collected.</source>
        <translation>Ze skrytki %1 nic nie odebrano.</translation>
    </message>
    <message>
        <source>Next: compartment %1</source>
        <translation>Następna: skrytka %1</translation>
    </message>
    <message>
        <source>The next door opens in a moment.</source>
        <translation>Następna skrytka zaraz się otworzy.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Zatrzymaj</translation>
    </message>
    <message>
        <source>Broken door</source>
        <translation>Zepsute drzwiczki</translation>
    </message>
    <message>
        <source>Dirty / damaged</source>
        <translation>Brudna / uszkodzona</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Inny problem</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Zgłoś problem</translation>
    </message>
    <message>
        <source>Compartment %1: what is wrong?</source>
        <translation>Skrytka %1: co się stało?</translation>
    </message>
    <message>
        <source>Tap the compartment on the picture.</source>
        <translation>Dotknij skrytki na rysunku.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Wstecz</translation>
    </message>
    <message>
        <source>Saving your report…</source>
        <translation>Zapisywanie zgłoszenia…</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Thank you.</source>
        <translation>Skrytka %1 została wyłączona z użytku. Dziękujemy.</translation>
    </message>
</context>
<context>
    <name>CourierHomeScreen</name>
    <message>
        <source>Hello, %1</source>
        <translation>Dzień dobry, %1</translation>
    </message>
    <message>
        <source>to deliver here</source>
        <translation>do doręczenia tutaj</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>do odbioru</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Doręcz</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>Odbierz</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Zgłoś problem</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Wyloguj</translation>
    </message>
</context>
<context>
    <name>DoorCycle</name>
    <message>
        <source>Opening door %1…</source>
        <extracomment>The answer &quot;Door did not open?&quot; on the open door&apos;s screen (``DoorJob.offer_not_open``).</extracomment>
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
        <source>Try again</source>
        <translation>Spróbuj ponownie</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>Pomoc</translation>
    </message>
    <message>
        <source>Door %1 should be open</source>
        <translation>Skrytka %1 powinna być otwarta</translation>
    </message>
    <message>
        <source>Its lock is released: pull the door gently, it may be stuck. Still shut? Tap “Try again”.</source>
        <translation>Zamek jest zwolniony: pociągnij delikatnie drzwiczki, mogą się zacinać. Nadal zamknięte? Dotknij „Spróbuj ponownie”.</translation>
    </message>
    <message>
        <source>If the door opens after all, close it again when you are done.</source>
        <translation>Jeśli drzwiczki jednak się otworzą, zamknij je po wszystkim.</translation>
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
        <source>Door did not open?</source>
        <translation>Drzwiczki się nie otworzyły?</translation>
    </message>
    <message>
        <source>Door %1 is open</source>
        <translation>Skrytka %1 jest otwarta</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Gdy skończysz, mocno zamknij drzwiczki.</translation>
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
        <source>Open again</source>
        <translation>Otwórz ponownie</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Skrytka %1 jest zamknięta.</translation>
    </message>
    <message>
        <source>Is your parcel still inside?</source>
        <translation>Czy Twoja paczka jest jeszcze w skrytce?</translation>
    </message>
    <message>
        <source>The sensor in door %1 still sees something inside.</source>
        <translation>Czujnik w skrytce %1 nadal wykrywa coś w środku.</translation>
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
    <name>DoorScreen</name>
    <message>
        <source>Bottom row</source>
        <extracomment>Fill and outline per cell state on a door grid (courier, admin).</extracomment>
        <translation>Dolny rząd</translation>
    </message>
    <message>
        <source>Top row</source>
        <translation>Górny rząd</translation>
    </message>
    <message>
        <source>Row %1 from the bottom</source>
        <translation>Rząd %1 od dołu</translation>
    </message>
    <message>
        <source>Row %1 from the top</source>
        <translation>Rząd %1 od góry</translation>
    </message>
    <message>
        <source>column %1 from the left</source>
        <translation>kolumna %1 od lewej</translation>
    </message>
    <message>
        <source>column %1 from the right</source>
        <translation>kolumna %1 od prawej</translation>
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
        <translation>Automat %1</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>Numer zgłoszenia %1</translation>
    </message>
    <message>
        <source>Accessible mode</source>
        <translation>Tryb dostępności</translation>
    </message>
    <message>
        <source>Code on your phone? Hold it under the scanner below the screen.</source>
        <translation>Kod w telefonie? Przyłóż go do skanera pod ekranem.</translation>
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
        <source>Locker %1</source>
        <translation>Automat %1</translation>
    </message>
    <message>
        <source>Open with the app</source>
        <translation>Otwórz w aplikacji</translation>
    </message>
    <message>
        <source>Demo codes</source>
        <translation>Kody (demo)</translation>
    </message>
    <message>
        <source>Demo pickup codes</source>
        <translation>Kody odbioru (demo)</translation>
    </message>
    <message>
        <source>send, size %1</source>
        <translation>nadanie, rozmiar %1</translation>
    </message>
    <message>
        <source>return, size %1</source>
        <translation>zwrot, rozmiar %1</translation>
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
    <name>Kiosk</name>
    <message>
        <source>Maintenance in progress.</source>
        <translation>Trwa konserwacja.</translation>
    </message>
    <message>
        <source>The locker is starting up. Please try again in a minute.</source>
        <translation>Automat się uruchamia. Spróbuj ponownie za minutę.</translation>
    </message>
    <message>
        <source>The doors cannot be opened right now.</source>
        <translation>Skrytek nie można teraz otworzyć.</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>Wybierz język</translation>
    </message>
</context>
<context>
    <name>NoticeFlow</name>
    <message>
        <source>Back to start</source>
        <translation>Wróć do początku</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Not available at this locker</source>
        <translation>Niedostępne w tym automacie</translation>
    </message>
    <message>
        <source>This service is not offered here yet. Please use the operator&apos;s app.</source>
        <translation>Ta usługa nie jest jeszcze tutaj dostępna. Skorzystaj z aplikacji operatora.</translation>
    </message>
    <message>
        <source>This code is not for this locker</source>
        <translation>Ten kod nie dotyczy tego automatu</translation>
    </message>
    <message>
        <source>Please scan the code from your pickup or drop-off message, or tap a button to start.</source>
        <translation>Zeskanuj kod z wiadomości o odbiorze lub nadaniu albo dotknij przycisku, aby zacząć.</translation>
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
    <message>
        <source>Your number shows the parcel is yours. Tap the country code to change it.</source>
        <translation>Twój numer potwierdza, że paczka jest Twoja. Dotknij numeru kierunkowego, aby go zmienić.</translation>
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
        <source>Take your parcel and close the door firmly.</source>
        <translation>Wyjmij paczkę i dokładnie zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>That was not a pickup code.</source>
        <translation>To nie jest kod odbioru.</translation>
    </message>
    <message>
        <source>Parcel %1 of %2</source>
        <translation>Paczka %1 z %2</translation>
    </message>
    <message>
        <source>Open the next door</source>
        <translation>Otwórz kolejną skrytkę</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Welcome. To pick up a parcel, tap the yellow button. To send or return one, tap the dark button next to it.</source>
        <extracomment>The spoken prompt of each screen (translated like every text; the context ``Prompt`` is what ``packaging/make-prompts`` reads from each catalogue).</extracomment>
        <translation>Witaj. Aby odebrać paczkę, dotknij żółtego przycisku. Aby nadać lub zwrócić paczkę, dotknij ciemnego przycisku obok.</translation>
    </message>
    <message>
        <source>Type the code from your message on the keypad, then tap Open my door.</source>
        <translation>Wpisz kod z wiadomości, a potem dotknij Otwórz skrytkę.</translation>
    </message>
    <message>
        <source>Type your phone number, then tap Continue.</source>
        <translation>Wpisz swój numer telefonu, a potem dotknij Dalej.</translation>
    </message>
    <message>
        <source>Hold the code from your message up to the camera.</source>
        <translation>Przyłóż kod z wiadomości do kamery.</translation>
    </message>
    <message>
        <source>Your door is open. The screen shows where it is. Close it when you are done.</source>
        <translation>Twoja skrytka jest otwarta. Ekran pokazuje, gdzie jest. Zamknij ją, gdy skończysz.</translation>
    </message>
    <message>
        <source>Thank you. Please take a photo of your receipt.</source>
        <translation>Dziękujemy. Zrób zdjęcie potwierdzenia.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Receipt</source>
        <translation>Potwierdzenie</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>Automat</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>Skrytka</translation>
    </message>
</context>
<context>
    <name>RemoteControl</name>
    <message>
        <source>This locker is out of service. We are sorry for the inconvenience.</source>
        <translation>Ten automat paczkowy jest nieczynny. Przepraszamy za utrudnienia.</translation>
    </message>
</context>
<context>
    <name>SendFlow</name>
    <message>
        <source>Thank you! Your parcel is in the locker</source>
        <translation>Dziękujemy! Twoja paczka jest w skrytce</translation>
    </message>
    <message>
        <source>Take a photo of this receipt.</source>
        <translation>Zrób zdjęcie tego potwierdzenia.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Enter your drop-off code</source>
        <extracomment>The customer asked for accessible mode: a low (accessible) compartment first.</extracomment>
        <translation>Wpisz kod nadania</translation>
    </message>
    <message>
        <source>You got it from the carrier or the shop, to send or return.</source>
        <translation>Kod otrzymujesz od przewoźnika lub ze sklepu – do nadania lub zwrotu paczki.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Dalej</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door.</source>
        <translation>Włóż paczkę i zamknij drzwiczki.</translation>
    </message>
    <message>
        <source>Larger compartment</source>
        <translation>Większa skrytka</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Nothing was sent</source>
        <translation>Nic nie zostało nadane</translation>
    </message>
    <message>
        <source>Please close the door. Your code was not used up.</source>
        <translation>Zamknij drzwiczki. Twój kod nadal jest ważny.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>There is no larger compartment free</source>
        <translation>Brak wolnej większej skrytki</translation>
    </message>
    <message>
        <source>Please take your parcel with you. Your code was not used up.</source>
        <translation>Zabierz paczkę ze sobą. Twój kod nadal jest ważny.</translation>
    </message>
    <message>
        <source>That was not a drop-off code.</source>
        <translation>To nie jest kod nadania.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Sprawdzamy kod…</translation>
    </message>
    <message>
        <source>Please ask the carrier or the shop for a new code.</source>
        <translation>Poproś przewoźnika lub sklep o nowy kod.</translation>
    </message>
    <message>
        <source>Finding a compartment for your parcel…</source>
        <translation>Szukamy skrytki dla Twojej paczki…</translation>
    </message>
    <message>
        <source>No other compartment of this size is free</source>
        <translation>Brak innej wolnej skrytki tego rozmiaru</translation>
    </message>
    <message>
        <source>Please try again later.</source>
        <translation>Spróbuj ponownie później.</translation>
    </message>
    <message>
        <source>The locker is full for a parcel of this size</source>
        <translation>Brak wolnej skrytki na paczkę tego rozmiaru</translation>
    </message>
    <message>
        <source>Please try again later or at another locker. Your code was not used up.</source>
        <translation>Spróbuj ponownie później lub w innym automacie. Twój kod nadal jest ważny.</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door. Please also close door %1.</source>
        <translation>Włóż paczkę i zamknij drzwiczki. Zamknij też skrytkę %1.</translation>
    </message>
    <message>
        <source>Your parcel is in the locker</source>
        <translation>Twoja paczka jest w skrytce</translation>
    </message>
    <message>
        <source>Door %1 is closed. Forgot something? Tap “Open again”. Your receipt follows.</source>
        <translation>Skrytka %1 jest zamknięta. Chcesz coś jeszcze włożyć? Dotknij „Otwórz ponownie”. Za chwilę zobaczysz potwierdzenie.</translation>
    </message>
    <message>
        <source>Show my receipt</source>
        <translation>Pokaż potwierdzenie</translation>
    </message>
    <message>
        <source>Use another compartment</source>
        <translation>Użyj innej skrytki</translation>
    </message>
    <message>
        <source>Please close doors %1 and %2. Your code was not used up.</source>
        <translation>Zamknij skrytki %1 i %2. Twój kod nadal jest ważny.</translation>
    </message>
    <message>
        <source>Please close door %1. Your code was not used up.</source>
        <translation>Zamknij skrytkę %1. Twój kod nadal jest ważny.</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Simulated lockers</source>
        <translation>Symulowane skrytki</translation>
    </message>
    <message>
        <source>Close door</source>
        <translation>Zamknij drzwi</translation>
    </message>
    <message>
        <source>Item in</source>
        <translation>Włóż paczkę</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Zablokuj</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zamknięta</translation>
    </message>
    <message>
        <source>open</source>
        <translation>otwarta</translation>
    </message>
    <message>
        <source>item</source>
        <translation>zajęta</translation>
    </message>
    <message>
        <source>jammed</source>
        <translation>zablokowana</translation>
    </message>
    <message>
        <source>Item out</source>
        <translation>Wyjmij paczkę</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Odblokuj</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The kiosk could not start. For the technician: %1</source>
        <translation>Terminal nie mógł się uruchomić. Dla serwisu: %1</translation>
    </message>
    <message>
        <source>see the log</source>
        <translation>zobacz dziennik</translation>
    </message>
</context>
</TS>
