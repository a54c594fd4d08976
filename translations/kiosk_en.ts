<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CodeEntryScreen</name>
    <message numerus="yes">
        <source>Too many wrong codes. Please wait %n second(s).</source>
        <translation>
            <numerusform>Too many wrong codes. Please wait %n second.</numerusform>
            <numerusform>Too many wrong codes. Please wait %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickupFlow</name>
    <message numerus="yes">
        <source>Too many wrong codes. Please wait %n second(s).</source>
        <translation>
            <numerusform>Too many wrong codes. Please wait %n second.</numerusform>
            <numerusform>Too many wrong codes. Please wait %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Please check the code in your message. %n attempt(s) left.</source>
        <translation>
            <numerusform>Please check the code in your message. %n attempt left.</numerusform>
            <numerusform>Please check the code in your message. %n attempts left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Please wait %n second and try again.</numerusform>
            <numerusform>Please wait %n seconds and try again.</numerusform>
        </translation>
    </message>
</context>
</TS>
