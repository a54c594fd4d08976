<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CodeEntry</name>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s).</source>
        <translation>
            <numerusform>Too many attempts. Please wait %n second.</numerusform>
            <numerusform>Too many attempts. Please wait %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n digit(s).</source>
        <translation>
            <numerusform>The code has %n digit.</numerusform>
            <numerusform>The code has %n digits.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n letter(s) or digit(s).</source>
        <translation>
            <numerusform>The code has %n letter or digit.</numerusform>
            <numerusform>The code has %n letters or digits.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourierFlow</name>
    <message numerus="yes">
        <source>%n more parcel(s) scanned</source>
        <translation>
            <numerusform>%n more parcel scanned</numerusform>
            <numerusform>%n more parcels scanned</numerusform>
        </translation>
    </message>
</context>
</TS>
