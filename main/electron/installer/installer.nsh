; Kamifax in Windows' "Open with" for fax-able files, never the default app: the files'
; extensions get Kamifax.Document under OpenWithProgids, their default value is left alone.
!macro kamifaxOpenWith EXT
  WriteRegStr SHCTX "Software\Classes\.${EXT}\OpenWithProgids" "Kamifax.Document" ""
  WriteRegStr SHCTX "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\SupportedTypes" ".${EXT}" ""
!macroend

!macro kamifaxNoOpenWith EXT
  DeleteRegValue SHCTX "Software\Classes\.${EXT}\OpenWithProgids" "Kamifax.Document"
!macroend

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\Kamifax.Document" "" "Kamifax"
  WriteRegStr SHCTX "Software\Classes\Kamifax.Document\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHCTX "Software\Classes\Kamifax.Document\shell\open\command" "" '"$appExe" "%1"'
  !insertmacro kamifaxOpenWith pdf
  !insertmacro kamifaxOpenWith tif
  !insertmacro kamifaxOpenWith tiff
  !insertmacro kamifaxOpenWith png
  !insertmacro kamifaxOpenWith jpg
  !insertmacro kamifaxOpenWith jpeg
  !insertmacro kamifaxOpenWith doc
  !insertmacro kamifaxOpenWith docx
  !insertmacro kamifaxOpenWith xls
  !insertmacro kamifaxOpenWith xlsx
  !insertmacro kamifaxOpenWith odt
!macroend

!macro customUnInstall
  !insertmacro kamifaxNoOpenWith pdf
  !insertmacro kamifaxNoOpenWith tif
  !insertmacro kamifaxNoOpenWith tiff
  !insertmacro kamifaxNoOpenWith png
  !insertmacro kamifaxNoOpenWith jpg
  !insertmacro kamifaxNoOpenWith jpeg
  !insertmacro kamifaxNoOpenWith doc
  !insertmacro kamifaxNoOpenWith docx
  !insertmacro kamifaxNoOpenWith xls
  !insertmacro kamifaxNoOpenWith xlsx
  !insertmacro kamifaxNoOpenWith odt
  DeleteRegKey SHCTX "Software\Classes\Kamifax.Document"
  DeleteRegKey SHCTX "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}"
!macroend
